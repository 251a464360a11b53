namespace Portal.Application.Common;

/// <summary>
/// The <c>RateLimits</c> configuration section: per-client-IP windows for code sends, code checks, password login and the
/// OCSP responder, and the daily SMS caps counted in the database. The defaults here are the production limits.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>SMS code sends per client IP (HTTP forms and circuits alike).</summary>
    public PermitWindow CodeSend { get; set; } = new(5, 60);

    /// <summary>SMS code checks per client IP (login, registration, reset, phone change, signing confirmation).</summary>
    public PermitWindow CodeCheck { get; set; } = new(20, 60);

    /// <summary>Posts of the anonymous account forms (login, registration, reset) and certificate login per client IP.</summary>
    public PermitWindow Login { get; set; } = new(20, 60);

    /// <summary>OCSP requests per client IP.</summary>
    public PermitWindow Ocsp { get; set; } = new(120, 60);

    /// <summary>SMS to one phone number in 24 hours (every catalog message counts: codes, invitations, notices).</summary>
    public int DailySmsPerPhone { get; set; } = 10;

    /// <summary>SMS caused by one signed-in account in 24 hours (invitations, its own codes).</summary>
    public int DailySmsPerAccount { get; set; } = 50;
}

/// <summary>A fixed window: <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/>.</summary>
public sealed class PermitWindow
{
    public PermitWindow()
    {
    }

    public PermitWindow(int permitLimit, int windowSeconds)
    {
        PermitLimit = permitLimit;
        WindowSeconds = windowSeconds;
    }

    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(Math.Max(1, WindowSeconds));
}
