namespace Portal.Application.Domain;

public enum RequestStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Withdrawn = 3,
}

/// <summary>加入企业: a user asks a certified organization to take them in; the owner decides.</summary>
public class JoinRequest : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ApplicantUserId { get; set; }
    public string ApplicantName { get; set; } = "";
    public string Reason { get; set; } = "";
    public RequestStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>A non-owner's removal of another member becomes this request to the owner (seed 001).</summary>
public class MemberRemovalRequest : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid MembershipId { get; set; }
    public string MemberName { get; set; } = "";
    public Guid RequestedByUserId { get; set; }
    public string RequestedByName { get; set; } = "";
    public string Reason { get; set; } = "";
    public RequestStatus Status { get; set; }
    public string? DecisionReason { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

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

/// <summary>
/// An invitation of an unregistered mobile number by the owner: shown in the member list until the person
/// registers with that number, who then joins with the name, department and roles given here.
/// </summary>
public class MemberInvitation : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Phone { get; set; } = "";
    public string Name { get; set; } = "";
    public Guid? DepartmentId { get; set; }
    public OrgRoles Roles { get; set; }
    public Guid InvitedByUserId { get; set; }
    public RequestStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
