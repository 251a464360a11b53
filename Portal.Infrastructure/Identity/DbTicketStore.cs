using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Infrastructure.Persistence;

namespace Portal.Infrastructure.Identity;

/// <summary><c>Sessions</c>: the absolute lifetime of a sign-in beside the cookie's sliding one.</summary>
public sealed class SignInSessionOptions
{
    public const string Section = "Sessions";

    /// <summary>Idle time after which a session ends (the cookie's sliding expiry).</summary>
    public TimeSpan SlidingLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A session ends this long after sign-in however active it is.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>
/// The application cookie's server-side session store: tickets live in the database (so several instances share them),
/// the cookie holds a random key. Logout revokes the key; <see cref="EndAllAsync"/> revokes every session of a user. The
/// principal carries its key as <see cref="SessionClaim"/>, so a circuit can ask <see cref="IsActiveAsync"/> later.
/// </summary>
public sealed class DbTicketStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, SignInSessionOptions options,
    ISpaceAccessNotifier circuits) : ITicketStore, IUserSessions
{
    public const string SessionClaim = "portal:session";

    public async Task<string> StoreAsync(AuthenticationTicket ticket) => await StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var old in identity.FindAll(SessionClaim).ToList())
            {
                identity.RemoveClaim(old);
            }
            identity.AddClaim(new Claim(SessionClaim, key));
        }
        var userId = Guid.TryParse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id
            : throw new InvalidOperationException("A session needs a signed-in user.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        // Sessions past their absolute end are never alive again: drop the user's old rows while we hold the write lock.
        await db.Set<UserSessionRow>().Where(s => s.UserId == userId && s.AbsoluteExpiresAtUtc < now).ExecuteDeleteAsync(cancellationToken);
        db.Set<UserSessionRow>().Add(new UserSessionRow
        {
            Key = key,
            UserId = userId,
            CreatedAtUtc = now,
            ExpiresAtUtc = ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + options.SlidingLifetime,
            AbsoluteExpiresAtUtc = now + options.AbsoluteLifetime,
            Ticket = TicketSerializer.Default.Serialize(ticket),
        });
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + options.SlidingLifetime;
        var bytes = TicketSerializer.Default.Serialize(ticket);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        await db.Set<UserSessionRow>().Where(s => s.Key == key && s.RevokedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAtUtc, expires).SetProperty(s => s.Ticket, bytes), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<UserSessionRow>().AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (row is null || !IsAlive(row, now))
        {
            return null;
        }
        var ticket = TicketSerializer.Default.Deserialize(row.Ticket);
        if (ticket is not null && ticket.Properties.ExpiresUtc is { } cookieExpiry && row.AbsoluteExpiresAtUtc < cookieExpiry.UtcDateTime)
        {
            // The cookie may slide, but never past the session's absolute end.
            ticket.Properties.ExpiresUtc = new DateTimeOffset(row.AbsoluteExpiresAtUtc, TimeSpan.Zero);
        }
        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        await db.Set<UserSessionRow>().Where(s => s.Key == key && s.RevokedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAtUtc, now), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Whether the session behind a principal's <see cref="SessionClaim"/> is still alive (circuits ask every minute).</summary>
    public async Task<bool> IsActiveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.FindFirstValue(SessionClaim) is not { } key)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<UserSessionRow>().AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        return row is not null && IsAlive(row, now);
    }

    public async Task EndAllAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            await db.Set<UserSessionRow>().Where(s => s.UserId == userId && s.RevokedAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAtUtc, now), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        circuits.SessionsEnded(userId);
    }

    private static bool IsAlive(UserSessionRow row, DateTime now) =>
        row.RevokedAtUtc is null && now < row.ExpiresAtUtc && now < row.AbsoluteExpiresAtUtc;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
