using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;

namespace Portal.Application.SigningPins;

/// <summary>Whether the caller has a signing PIN, and whether it is locked.</summary>
public sealed record SigningPinState(bool IsSet, DateTime? SetAtUtc, DateTime? LockedUntilUtc, int RemainingTries);

public sealed class GetSigningPinState(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    public async Task<Result<SigningPinState>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<SigningPinState>.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        var pin = await db.SigningPins.AsNoTracking().FirstOrDefaultAsync(p => p.OwnerUserId == userId, cancellationToken);
        if (pin is null)
        {
            return new SigningPinState(false, null, null, SigningPinRules.MaxTries);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var locked = pin.LockedUntilUtc is { } until && until > now ? until : (DateTime?)null;
        var remaining = locked is not null ? 0
            : pin.LockedUntilUtc is not null ? SigningPinRules.MaxTries
            : SigningPinRules.MaxTries - pin.FailedAttempts;
        return new SigningPinState(true, pin.ChangedAtUtc ?? pin.SetAtUtc, locked, remaining);
    }
}
