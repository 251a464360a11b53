namespace Portal.Application.Domain;

/// <summary>
/// 证书密码: the user's signing PIN, one per user, confirming their will to sign. Only a PBKDF2 hash is stored;
/// <see cref="SigningPins.SigningPinRules.MaxTries"/> wrong tries lock it for <see cref="SigningPins.SigningPinRules.LockDuration"/>.
/// </summary>
public class SigningPin : IPersonallyOwned
{
    public Guid Id { get; set; }
    public Guid OwnerUserId { get; set; }
    public string PinHash { get; set; } = "";
    public DateTime SetAtUtc { get; set; }
    public DateTime? ChangedAtUtc { get; set; }

    /// <summary>Wrong tries since the last right one (or since the last lock ended).</summary>
    public int FailedAttempts { get; set; }
    public DateTime? LockedUntilUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
