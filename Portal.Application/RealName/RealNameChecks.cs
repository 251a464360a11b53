using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>Refusals every real-name command makes again inside its unit of work.</summary>
internal static class RealNameChecks
{
    /// <summary>Already verified, a manual review waiting, or the ID number verified by another account.</summary>
    public static async Task<PortalError?> RefusalAsync(IPortalDbContext db, PortalUser user, string idNumber, CancellationToken cancellationToken,
        Guid? exceptAttempt = null)
    {
        if (user.RealNameVerifiedAtUtc is not null)
        {
            return new PortalError(Errors.RealNameAlreadyVerified);
        }
        if (await db.RealNameVerifications.IgnoreQueryFilters().AnyAsync(v => v.OwnerUserId == user.Id && v.Id != exceptAttempt
                && v.Channel == RealNameChannel.ManualReview && v.Status == RealNameStatus.Pending, cancellationToken))
        {
            return new PortalError(Errors.ReviewPending);
        }
        // One identity, one account: the registry check would pass for a second account, so the platform refuses it.
        if (await db.RealNameVerifications.IgnoreQueryFilters().AnyAsync(v => v.IdNumber == idNumber && v.OwnerUserId != user.Id
                && v.Status == RealNameStatus.Verified, cancellationToken))
        {
            return new PortalError(Errors.RealNameIdInUse);
        }
        return null;
    }

    /// <summary>The user becomes 已实名 with this attempt's identity.</summary>
    public static void Verify(PortalUser user, RealNameVerification attempt, DateTime now)
    {
        attempt.Status = RealNameStatus.Verified;
        attempt.DecidedAtUtc = now;
        user.RealName = attempt.Name;
        user.RealNameVerifiedAtUtc = now;
    }
}
