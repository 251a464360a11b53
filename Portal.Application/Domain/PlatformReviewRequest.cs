namespace Portal.Application.Domain;

public enum PlatformReviewKind
{
    /// <summary>单位信息变更: new name, USCC or legal representative with proof.</summary>
    InformationChange = 1,

    /// <summary>A member applies to become owner when the owner is unreachable.</summary>
    OwnerClaim = 2,
}

/// <summary>An organization's request the platform admins review (information change, owner claim).</summary>
public class PlatformReviewRequest : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public PlatformReviewKind Kind { get; set; }
    public Guid RequestedByUserId { get; set; }
    public string? NewName { get; set; }
    public string? NewUscc { get; set; }
    public string? NewLegalRepresentativeName { get; set; }
    public string? NewLegalRepresentativeIdNumber { get; set; }
    public string Reason { get; set; } = "";

    /// <summary>File-store key of the proof.</summary>
    public string? ProofFile { get; set; }
    public RequestStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
