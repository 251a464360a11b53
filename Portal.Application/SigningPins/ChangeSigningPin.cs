using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningPins;

/// <summary>
/// 重置证书密码 with the old PIN: a wrong old PIN counts as a wrong try (the lock applies here too). Both PBKDF2 steps (the old
/// PIN compared, the new one hashed) run before the lock; the try is recorded on the PIN as it is under the lock.
/// </summary>
public sealed class ChangeSigningPin(WriteUnit unit, IPortalDbContextFactory dbFactory, ICurrentUser currentUser, TimeProvider clock, IPasswordHasher<SigningPin> pinHasher)
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
        return await unit.RunAsync<(PinComparison? Old, string? NewHash)>(Write.AsUser(), async () =>
        {
            await using var read = dbFactory.CreateForScope(null, userId);
            var stored = await read.SigningPins.AsNoTracking().FirstOrDefaultAsync(p => p.OwnerUserId == userId, cancellationToken);
            if (stored is null)
            {
                return Result<(PinComparison?, string?)>.Fail(Errors.SigningPinNotSet);
            }
            if (SigningPinRules.LockedMinutes(stored, clock.GetUtcNow().UtcDateTime) is not null)
            {
                return (null, null);
            }
            var old = SigningPinRules.Compare(pinHasher, stored.PinHash, oldPin);
            return (old, old.Matches ? SigningPinRules.Hash(pinHasher, newPin!) : null);
        }, async (w, prepared) =>
        {
            var entity = await w.Db.SigningPins.FirstOrDefaultAsync(p => p.OwnerUserId == userId, cancellationToken);
            if (entity is null)
            {
                return Result.Fail(Errors.SigningPinNotSet);
            }
            var check = SigningPinRules.Record(entity, prepared.Old, w.Now);
            if (!check.Succeeded)
            {
                w.Audit(AuditActions.SigningPinChange, userId.ToString(), check.Error!.ToString(), AuditOutcome.Refused);
                return w.Keep(check.Error!);
            }
            entity.PinHash = prepared.NewHash!;
            entity.ChangedAtUtc = w.Now;
            w.Audit(AuditActions.SigningPinChange, userId.ToString());
            return Result.Ok();
        }, cancellationToken);
    }
}
