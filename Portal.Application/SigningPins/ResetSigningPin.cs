using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningPins;

/// <summary>
/// 忘记证书密码: a code sent to the account's own number, then a new PIN twice; it also lifts a lock. The code is checked and
/// the new PIN hashed before the lock.
/// </summary>
public sealed class ResetSigningPin(WriteUnit unit, IPortalDbContextFactory dbFactory, ICurrentUser currentUser, SmsCodes smsCodes, IPasswordHasher<SigningPin> pinHasher)
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
        return await unit.RunAsync<string>(Write.AsUser(), async () =>
        {
            string phone;
            await using (var read = dbFactory.CreateForScope(null, userId))
            {
                phone = await read.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken) ?? "";
            }
            var verified = await smsCodes.VerifyAsync(phone, SmsPurpose.ResetSigningPin, code, cancellationToken);
            return verified.Succeeded ? SigningPinRules.Hash(pinHasher, newPin!) : verified.Error!;
        }, async (w, hash) =>
        {
            var entity = await w.Db.SigningPins.FirstOrDefaultAsync(p => p.OwnerUserId == userId, cancellationToken);
            if (entity is null)
            {
                entity = new SigningPin { Id = Guid.NewGuid(), OwnerUserId = userId, SetAtUtc = w.Now };
                w.Db.SigningPins.Add(entity);
            }
            else
            {
                entity.ChangedAtUtc = w.Now;
            }
            entity.PinHash = hash;
            entity.FailedAttempts = 0;
            entity.LockedUntilUtc = null;
            w.Audit(AuditActions.SigningPinReset, userId.ToString());
            return Result.Ok();
        }, cancellationToken);
    }
}
