using System.Threading.RateLimiting;

namespace Portal.Application.Common;

/// <summary>What a client does that is limited per IP inside the application (a circuit has no HTTP request to limit).</summary>
public enum ClientAction
{
    CodeSend,
    CodeCheck,
}

/// <summary>
/// Per-client-IP fixed windows for code sends and checks, wherever they happen: static account forms and interactive
/// circuits reach the same limiter, keyed by <see cref="ICurrentUser.IpAddress"/>. One per process (like the HTTP limiter).
/// </summary>
public sealed class ClientThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _sends;
    private readonly PartitionedRateLimiter<string> _checks;

    public ClientThrottle(RateLimitOptions options)
    {
        _sends = PerIp(options.CodeSend);
        _checks = PerIp(options.CodeCheck);
    }

    /// <summary>
    /// Takes one permit for the caller's IP; false when the window's permits are used up. Work with no client address (the
    /// demo seed, jobs) is not a client and is not limited; every request and circuit has one.
    /// </summary>
    public bool TryAcquire(ClientAction action, string? ipAddress)
    {
        if (ipAddress is null)
        {
            return true;
        }
        var limiter = action == ClientAction.CodeSend ? _sends : _checks;
        using var lease = limiter.AttemptAcquire(ipAddress);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _sends.Dispose();
        _checks.Dispose();
    }

    internal static PartitionedRateLimiter<string> PerIp(PermitWindow window) =>
        PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip, _ => Options(window)));

    /// <summary>The fixed window both limiters (this one and the HTTP middleware's) use.</summary>
    public static FixedWindowRateLimiterOptions Options(PermitWindow window) => new()
    {
        PermitLimit = Math.Max(1, window.PermitLimit),
        Window = window.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
