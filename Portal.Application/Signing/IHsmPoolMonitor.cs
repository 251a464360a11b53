namespace Portal.Application.Signing;

/// <summary>Health and load of one HSM token, as the platform page shows it.</summary>
public sealed record HsmTokenView(string Label, bool IsUp, int SessionsInUse, int MaxSessions, long Operations, double P50Milliseconds,
    double P95Milliseconds, string? LastError);

/// <summary>The HSM pool's tokens for platform admins.</summary>
public interface IHsmPoolMonitor
{
    /// <summary>A snapshot of every token, or null when this instance has no pool configured.</summary>
    IReadOnlyList<HsmTokenView>? Tokens();
}
