using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>A platform admin approves (the user becomes 已实名) or rejects with a reason; the user is told by SMS.</summary>
public sealed class ReviewRealName(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, TimeProvider clock, SmsNotifier sms)
{
    public async Task<Result> ExecuteAsync(Guid verificationId, bool approve, string? reason, CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed;
        }
        if (!approve && (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500))
        {
            return Result.Fail(Errors.ReasonRequired);
        }
        string phone;
        await using (var db = dbFactory.CreateForScope(null, null))
        {
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            var attempt = await db.RealNameVerifications.IgnoreQueryFilters()
                .FirstOrDefaultAsync(v => v.Id == verificationId && v.Channel == RealNameChannel.ManualReview, cancellationToken);
            if (attempt is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (attempt.Status != RealNameStatus.Pending)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            var user = await db.Users.FirstAsync(u => u.Id == attempt.OwnerUserId, cancellationToken);
            phone = user.UserName ?? "";
            var now = clock.GetUtcNow().UtcDateTime;
            if (approve)
            {
                if (await RealNameChecks.RefusalAsync(db, user, attempt.IdNumber, cancellationToken, exceptAttempt: attempt.Id) is { } refused)
                {
                    return refused;
                }
                RealNameChecks.Verify(user, attempt, now);
            }
            else
            {
                attempt.Status = RealNameStatus.Rejected;
                attempt.DecisionReason = reason!.Trim();
                attempt.DecidedAtUtc = now;
                attempt.ConcurrencyStamp = Guid.NewGuid();
            }
            await audit.AppendAsync(db, approve ? AuditActions.RealnameReviewApprove : AuditActions.RealnameReviewReject, attempt.OwnerUserId.ToString(),
                AuditOutcome.Success, reason, cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        await sms.SendAsync(phone, approve
            ? SmsMessages.RealNameApproved()
            : SmsMessages.RealNameRejected(reason!.Trim()), cancellationToken);
        return Result.Ok();
    }
}
