using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningPins;

/// <summary>初设证书密码: the first PIN, entered twice (afterwards it is changed with the old one or reset by SMS).</summary>
public sealed class SetSigningPin(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock,
    IPasswordHasher<SigningPin> pinHasher)
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
        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        if (await db.SigningPins.AnyAsync(p => p.OwnerUserId == userId, cancellationToken))
        {
            return Result.Fail(Errors.SigningPinAlreadySet);
        }
        var entity = new SigningPin { Id = Guid.NewGuid(), OwnerUserId = userId, SetAtUtc = clock.GetUtcNow().UtcDateTime };
        entity.PinHash = SigningPinRules.Hash(pinHasher, entity, pin!);
        db.SigningPins.Add(entity);
        await audit.AppendAsync(db, "signing-pin.set", userId.ToString(), AuditOutcome.Success, organizationId: null,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
