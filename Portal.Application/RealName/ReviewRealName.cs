using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>A platform admin approves (the user becomes 已实名) or rejects with a reason; the user is told by SMS.</summary>
public sealed class ReviewRealName(WriteUnit unit, SmsNotifier sms)
{
    public Task<Result> ExecuteAsync(Guid verificationId, bool approve, string? reason, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsPlatform(PlatformRoles.PlatformAdmin), async w =>
        {
            // Checked after the platform role, as before.
            if (!approve && (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500))
            {
                return Result.Fail(Errors.ReasonRequired);
            }
            var attempt = await w.Db.RealNameVerifications.IgnoreQueryFilters()
                .FirstOrDefaultAsync(v => v.Id == verificationId && v.Channel == RealNameChannel.ManualReview, cancellationToken);
            if (attempt is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (attempt.Status != RealNameStatus.Pending)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            var user = await w.Db.Users.FirstAsync(u => u.Id == attempt.OwnerUserId, cancellationToken);
            var phone = user.UserName ?? "";
            if (approve)
            {
                if (await RealNameChecks.RefusalAsync(w.Db, user, attempt.IdNumber, cancellationToken, exceptAttempt: attempt.Id) is { } refused)
                {
                    return refused;
                }
                RealNameChecks.Verify(user, attempt, w.Now);
            }
            else
            {
                attempt.Status = RealNameStatus.Rejected;
                attempt.DecisionReason = reason!.Trim();
                attempt.DecidedAtUtc = w.Now;
            }
            w.Audit(approve ? AuditActions.RealnameReviewApprove : AuditActions.RealnameReviewReject, attempt.OwnerUserId.ToString(), reason);
            var text = approve ? SmsMessages.RealNameApproved() : SmsMessages.RealNameRejected(reason!.Trim());
            w.AfterCommit(() => sms.SendAsync(phone, text, cancellationToken));
            return Result.Ok();
        }, cancellationToken);
}
