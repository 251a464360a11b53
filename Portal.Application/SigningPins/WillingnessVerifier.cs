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
/// signature it was meant for is refused). The signing use case calls it before its own transaction.
/// </summary>
public sealed class WillingnessVerifier(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, SmsCodes smsCodes, AuditTrail audit,
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
                {
                    await using var db = dbFactory.CreateForScope(null, userId);
                    await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
                    var entity = await db.SigningPins.FirstOrDefaultAsync(p => p.OwnerUserId == userId, cancellationToken);
                    if (entity is null)
                    {
                        return Result.Fail(Errors.SigningPinNotSet);
                    }
                    var check = SigningPinRules.Check(pinHasher, entity, pin.Pin, clock.GetUtcNow().UtcDateTime);
                    if (!check.Succeeded)
                    {
                        await audit.AppendAsync(db, "signing-pin.verify", userId.ToString(), AuditOutcome.Refused, check.Error!.ToString(),
                            organizationId: null, cancellationToken: cancellationToken);
                    }
                    await db.SaveChangesAsync(cancellationToken);
                    await tx.CommitAsync(cancellationToken);
                    return check;
                }
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
