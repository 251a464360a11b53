namespace Portal.Signing.Pkcs11;

/// <summary>Health and load of one token of the pool.</summary>
public sealed record HsmTokenStatus(
    string Label,
    bool IsUp,
    int SessionsInUse,
    int MaxSessions,
    long Operations,
    long Errors,
    long Relogins,
    double P50Milliseconds,
    double P95Milliseconds,
    string? LastError,
    DateTime? LastErrorUtc,
    DateTime? DownSinceUtc);

/// <summary>Snapshot of the pool for health checks and the platform-admin page.</summary>
public sealed record HsmPoolStatus(IReadOnlyList<HsmTokenStatus> Tokens)
{
    /// <summary>True when at least one token is up.</summary>
    public bool IsHealthy => Tokens.Any(t => t.IsUp);
}

/// <summary>A key of the pool as listed from the tokens.</summary>
public sealed record HsmKeyInfo(string KeyId, KeyAlgorithm Algorithm, IReadOnlyList<string> Tokens);
