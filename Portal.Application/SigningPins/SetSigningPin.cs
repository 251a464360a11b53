using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningPins;

/// <summary>初设证书密码: the first PIN, entered twice (afterwards it is changed with the old one or reset by SMS); hashed before the lock.</summary>
public sealed class SetSigningPin(WriteUnit unit, ICurrentUser currentUser, IPasswordHasher<SigningPin> pinHasher)
{
    public async Task<Result> ExecuteAsync(string? pin, string? confirm, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        if (SigningPinRules.CheckNew(pin, confirm) is { } invalid)
        {
            return invalid;
        }
        return await unit.RunAsync<string>(Write.AsUser(), () => Task.FromResult(Result<string>.Ok(SigningPinRules.Hash(pinHasher, pin!))), async (w, hash) =>
        {
            if (await w.Db.SigningPins.AnyAsync(p => p.OwnerUserId == userId, cancellationToken))
            {
                return Result.Fail(Errors.SigningPinAlreadySet);
            }
            w.Db.SigningPins.Add(new SigningPin { Id = Guid.NewGuid(), OwnerUserId = userId, SetAtUtc = w.Now, PinHash = hash });
            w.Audit(AuditActions.SigningPinSet, userId.ToString());
            return Result.Ok();
        }, cancellationToken);
    }
}
