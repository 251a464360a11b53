using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>The person answers the provider's challenge; success makes them 已实名.</summary>
public sealed class ConfirmRealNameVerification(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock,
    IFaceVerificationProvider face, IPhoneThreeFactorProvider phoneThreeFactor, IBankCardFourFactorProvider bankCard)
{
    public async Task<Result> ExecuteAsync(Guid verificationId, string? answer, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        RealNameVerification? attempt;
        await using (var probe = dbFactory.CreateForScope(null, userId))
        {
            attempt = await probe.RealNameVerifications.AsNoTracking().FirstOrDefaultAsync(v => v.Id == verificationId, cancellationToken);
        }
        if (attempt is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        if (attempt.Status != RealNameStatus.Pending || attempt.ProviderReference is null || attempt.Channel == RealNameChannel.ManualReview)
        {
            return Result.Fail(Errors.RequestNotPending);
        }
        IRealNameProvider provider = attempt.Channel switch
        {
            RealNameChannel.Face => face,
            RealNameChannel.PhoneThreeFactor => phoneThreeFactor,
            _ => bankCard,
        };
        var checkedAnswer = await provider.CompleteAsync(attempt.ProviderReference, answer, cancellationToken);

        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        if (!checkedAnswer.Succeeded)
        {
            await audit.AppendAsync(db, "realname.confirm", userId.ToString(), AuditOutcome.Refused, checkedAnswer.Error!.Code,
                cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return checkedAnswer;
        }
        var current = await db.RealNameVerifications.FirstAsync(v => v.Id == verificationId, cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        if (current.Status != RealNameStatus.Pending)
        {
            return Result.Fail(Errors.RequestNotPending);
        }
        if (await RealNameChecks.RefusalAsync(db, user, current.IdNumber, cancellationToken) is { } refused)
        {
            return refused;
        }
        RealNameChecks.Verify(user, current, clock.GetUtcNow().UtcDateTime);
        await audit.AppendAsync(db, "realname.verify", userId.ToString(), AuditOutcome.Success, current.Channel.ToString(),
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
