using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningPins;

/// <summary>意愿认证: how the signer confirms one signature.</summary>
public abstract record WillingnessProof;

/// <summary>The signer's 证书密码.</summary>
public sealed record PinProof(string Pin) : WillingnessProof
{
    public override string ToString() => "PinProof";
}

/// <summary>A code sent by <see cref="SendSigningSmsCode"/> with <see cref="SmsPurpose.SigningConfirmation"/>.</summary>
public sealed record SmsCodeProof(string Code) : WillingnessProof
{
    public override string ToString() => "SmsCodeProof";
}

/// <summary>
/// Checks a willingness proof of the calling user in its own write unit (a wrong try is counted even though the
/// signature it was meant for is refused). The signing use case calls it before its own units. The PIN's PBKDF2 comparison
/// (~50 ms) runs before the lock on the PIN as read; under the lock the PIN is read again and the try recorded on it as it
/// is then (<see cref="SigningPinRules.Record"/>), so racing wrong tries still lock it at the fifth.
/// </summary>
public sealed class WillingnessVerifier(WriteUnit unit, IPortalDbContextFactory dbFactory, ICurrentUser currentUser, SmsCodes smsCodes,
    TimeProvider clock, IPasswordHasher<SigningPin> pinHasher)
{
    public async Task<Result> VerifyAsync(WillingnessProof? proof, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        switch (proof)
        {
            case PinProof pin:
                return await unit.RunAsync<PinComparison?>(Write.AsUser(), async () =>
                {
                    await using var read = dbFactory.CreateForScope(null, userId);
                    var stored = await read.SigningPins.AsNoTracking().FirstOrDefaultAsync(p => p.OwnerUserId == userId, cancellationToken);
                    if (stored is null)
                    {
                        return Result<PinComparison?>.Fail(Errors.SigningPinNotSet);
                    }
                    // A locked PIN is not compared at all: guessing against it costs the guesser, not the server.
                    return SigningPinRules.LockedMinutes(stored, clock.GetUtcNow().UtcDateTime) is not null
                        ? Result<PinComparison?>.Ok(null)
                        : SigningPinRules.Compare(pinHasher, stored.PinHash, pin.Pin);
                }, async (w, comparison) =>
                {
                    var entity = await w.Db.SigningPins.FirstOrDefaultAsync(p => p.OwnerUserId == userId, cancellationToken);
                    if (entity is null)
                    {
                        return Result.Fail(Errors.SigningPinNotSet);
                    }
                    var check = SigningPinRules.Record(entity, comparison, w.Now);
                    if (!check.Succeeded)
                    {
                        w.Audit(AuditActions.SigningPinVerify, userId.ToString(), check.Error!.ToString(), AuditOutcome.Refused);
                        return w.Keep(check.Error!);
                    }
                    return check;
                }, cancellationToken);
            case SmsCodeProof sms:
                {
                    string? phone;
                    await using (var db = dbFactory.CreateForScope(null, userId))
                    {
                        phone = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
                    }
                    return phone is null ? Result.Fail(Errors.NotSignedIn)
                        : await smsCodes.VerifyAsync(phone, SmsPurpose.SigningConfirmation, sms.Code, cancellationToken);
                }
            default:
                return Result.Fail(Errors.WillingnessRequired);
        }
    }
}
