using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>The person answers the provider's challenge; success makes them 已实名.</summary>
public sealed class ConfirmRealNameVerification(WriteUnit unit, IFaceVerificationProvider face, IPhoneThreeFactorProvider phoneThreeFactor,
    IBankCardFourFactorProvider bankCard)
{
    public Task<Result> ExecuteAsync(Guid verificationId, string? answer, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsUser(),
            async () =>
            {
                var found = await unit.ReadAsync(Write.AsUser(), async r => Result<RealNameVerification?>.Ok(
                    await r.Db.RealNameVerifications.AsNoTracking().FirstOrDefaultAsync(v => v.Id == verificationId, cancellationToken)), cancellationToken);
                if (!found.Succeeded)
                {
                    return found.Error!;
                }
                if (found.Value is not { } attempt)
                {
                    return Result<Result>.Fail(Errors.NotFound);
                }
                if (attempt.Status != RealNameStatus.Pending || attempt.ProviderReference is null || attempt.Channel == RealNameChannel.ManualReview)
                {
                    return Result<Result>.Fail(Errors.RequestNotPending);
                }
                IRealNameProvider provider = attempt.Channel switch
                {
                    RealNameChannel.Face => face,
                    RealNameChannel.PhoneThreeFactor => phoneThreeFactor,
                    _ => bankCard,
                };
                // The provider answers before the lock; a wrong answer is still audited under it.
                return Result<Result>.Ok(await provider.CompleteAsync(attempt.ProviderReference, answer, cancellationToken));
            },
            async (w, checkedAnswer) =>
            {
                var userId = w.UserId!.Value;
                if (!checkedAnswer.Succeeded)
                {
                    return w.Refuse(checkedAnswer.Error!, AuditActions.RealnameConfirm, userId.ToString(), checkedAnswer.Error!.Code);
                }
                var current = await w.Db.RealNameVerifications.FirstAsync(v => v.Id == verificationId, cancellationToken);
                var user = await w.Db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
                if (current.Status != RealNameStatus.Pending)
                {
                    return Result.Fail(Errors.RequestNotPending);
                }
                if (await RealNameChecks.RefusalAsync(w.Db, user, current.IdNumber, cancellationToken) is { } refused)
                {
                    return refused;
                }
                RealNameChecks.Verify(user, current, w.Now);
                w.Audit(AuditActions.RealnameVerify, userId.ToString(), current.Channel.ToString());
                return Result.Ok();
            }, cancellationToken);
}
