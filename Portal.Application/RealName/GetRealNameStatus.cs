using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>
/// The caller's 实名 state: verified (name, masked ID number, channel), or the attempt in progress (a challenge to
/// answer, or a manual review waiting), and the last rejection's reason.
/// </summary>
public sealed record RealNameState(bool Verified, string? RealName, string? IdNumberMasked, RealNameChannel? Channel, DateTime? VerifiedAtUtc,
    Guid? PendingChallengeId, RealNameChannel? PendingChallengeChannel, bool ReviewPending, string? LastRejectionReason);

public sealed class GetRealNameStatus(IPortalDbContextFactory dbFactory, ICurrentUser currentUser)
{
    public async Task<Result<RealNameState>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<RealNameState>.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Result<RealNameState>.Fail(Errors.NotSignedIn);
        }
        var attempts = await db.RealNameVerifications.AsNoTracking().OrderByDescending(v => v.CreatedAtUtc).Take(20).ToListAsync(cancellationToken);
        var verified = attempts.FirstOrDefault(v => v.Status == RealNameStatus.Verified);
        if (user.RealNameVerifiedAtUtc is { } at)
        {
            return new RealNameState(true, user.RealName, verified is null ? null : RealNameRules.Mask(verified.IdNumber), verified?.Channel, at,
                null, null, false, null);
        }
        var challenge = attempts.FirstOrDefault(v => v.Status == RealNameStatus.Pending && v.Channel != RealNameChannel.ManualReview);
        var review = attempts.Any(v => v.Status == RealNameStatus.Pending && v.Channel == RealNameChannel.ManualReview);
        var rejected = attempts.FirstOrDefault(v => v.Status == RealNameStatus.Rejected);
        return new RealNameState(false, null, null, null, null, challenge?.Id, challenge?.Channel, review, rejected?.DecisionReason);
    }
}
