using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningPins;

/// <summary>忘记证书密码: a code sent to the account's own number, then a new PIN twice; it also lifts a lock.</summary>
public sealed class ResetSigningPin(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, SmsCodes smsCodes, AuditTrail audit,
    TimeProvider clock, IPasswordHasher<SigningPin> pinHasher)
{
    public async Task<Result> ExecuteAsync(string? code, string? newPin, string? confirm, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        if (SigningPinRules.CheckNew(newPin, confirm) is { } invalid)
        {
            return invalid;
        }
        string phone;
        await using (var read = dbFactory.CreateForScope(null, userId))
        {
            phone = await read.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken) ?? "";
        }
        var verified = await smsCodes.VerifyAsync(phone, SmsPurpose.ResetSigningPin, code, cancellationToken);
        if (!verified.Succeeded)
        {
            return verified;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var entity = await db.SigningPins.FirstOrDefaultAsync(p => p.OwnerUserId == userId, cancellationToken);
        if (entity is null)
        {
            entity = new SigningPin { Id = Guid.NewGuid(), OwnerUserId = userId, SetAtUtc = now };
            db.SigningPins.Add(entity);
        }
        else
        {
            entity.ChangedAtUtc = now;
        }
        entity.PinHash = SigningPinRules.Hash(pinHasher, entity, newPin!);
        entity.FailedAttempts = 0;
        entity.LockedUntilUtc = null;
        entity.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, "signing-pin.reset", userId.ToString(), AuditOutcome.Success, organizationId: null,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
