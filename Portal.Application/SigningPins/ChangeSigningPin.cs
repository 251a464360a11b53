using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningPins;

/// <summary>重置证书密码 with the old PIN: a wrong old PIN counts as a wrong try (the lock applies here too).</summary>
public sealed class ChangeSigningPin(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock,
    IPasswordHasher<SigningPin> pinHasher)
{
    public async Task<Result> ExecuteAsync(string? oldPin, string? newPin, string? confirm, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        if (SigningPinRules.CheckNew(newPin, confirm) is { } invalid)
        {
            return invalid;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var entity = await db.SigningPins.FirstOrDefaultAsync(p => p.OwnerUserId == userId, cancellationToken);
        if (entity is null)
        {
            return Result.Fail(Errors.SigningPinNotSet);
        }
        var check = SigningPinRules.Check(pinHasher, entity, oldPin, now);
        if (check.Succeeded)
        {
            entity.PinHash = SigningPinRules.Hash(pinHasher, entity, newPin!);
            entity.ChangedAtUtc = now;
        }
        await audit.AppendAsync(db, "signing-pin.change", userId.ToString(), check.Succeeded ? AuditOutcome.Success : AuditOutcome.Refused,
            check.Error?.ToString(), organizationId: null, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return check;
    }
}
