namespace Portal.Application.Domain;

public enum RealNameChannel
{
    Face = 1,

    /// <summary>Phone three-factor: name, ID number, mobile number.</summary>
    PhoneThreeFactor = 2,

    /// <summary>Bank card four-factor: name, ID number, card number, reserved mobile number.</summary>
    BankCardFourFactor = 3,

    /// <summary>Non-mainland users: ID photos reviewed by platform admins.</summary>
    ManualReview = 4,
}

public enum RealNameStatus
{
    Pending = 0,
    Verified = 1,
    Rejected = 2,
}

/// <summary>实名认证 of a user: one row per attempt; the latest verified one is the user's identity.</summary>
public class RealNameVerification : IPersonallyOwned
{
    public Guid Id { get; set; }
    public Guid OwnerUserId { get; set; }
    public string Name { get; set; } = "";
    public string IdNumber { get; set; } = "";
    public RealNameChannel Channel { get; set; }
    public RealNameStatus Status { get; set; }

    /// <summary>The provider's session or transaction reference (dev: the challenge the person answers).</summary>
    public string? ProviderReference { get; set; }
    public string? IdPhotoFile { get; set; }
    public string? DecisionReason { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
