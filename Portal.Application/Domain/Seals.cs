namespace Portal.Application.Domain;

/// <summary>Seal types; all but <see cref="Name"/> are organization seals with their own HSM key and certificate.</summary>
public enum SealType
{
    /// <summary>公章.</summary>
    Official = 1,

    /// <summary>合同专用章.</summary>
    Contract = 2,

    /// <summary>财务专用章.</summary>
    Finance = 3,

    /// <summary>人事专用章.</summary>
    HumanResources = 4,

    /// <summary>法定代表人章: needs the legal representative's consent unless they made it.</summary>
    LegalRepresentative = 5,

    /// <summary>人名章 (personal; signs with its owner's personal certificate).</summary>
    Name = 6,
}

public enum SealStatus
{
    /// <summary>A scanned seal waiting for a platform admin's review.</summary>
    PendingReview = 0,
    Active = 1,

    /// <summary>作废: nobody may grant it; whether holders keep using it is the policy's <see cref="VoidingBehaviour"/>.</summary>
    Voided = 2,

    /// <summary>A scanned seal the platform admin rejected.</summary>
    Rejected = 3,
}

public enum SealFaceSource
{
    /// <summary>Drawn by the PDF engine from <see cref="Seal.FaceSpecJson"/>.</summary>
    Template = 1,

    /// <summary>扫描印章: a cleaned transparent PNG in the file store (<see cref="Seal.ImageFile"/>).</summary>
    Scanned = 2,
}

/// <summary>An organization seal (印章): its face, its own HSM pool key and seal certificate, and its lifecycle.</summary>
public class Seal : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>A department seal (部门章) belongs to this department.</summary>
    public Guid? DepartmentId { get; set; }
    public SealType Type { get; set; }
    public string Name { get; set; } = "";
    public SealFaceSource FaceSource { get; set; }

    /// <summary>The PDF engine's SealFaceSpec, serialized (JSON); for scanned seals, the width in millimetres lives there too.</summary>
    public string FaceSpecJson { get; set; } = "";

    /// <summary>File-store key of the scanned seal's transparent PNG.</summary>
    public string? ImageFile { get; set; }
    public SealStatus Status { get; set; }

    /// <summary>The HSM pool key id (one key per seal).</summary>
    public string KeyId { get; set; } = "";

    /// <summary>The seal certificate from the platform's issuing CA (DER).</summary>
    public byte[] CertificateDer { get; set; } = [];

    /// <summary>Serial number as lower-case hex (the PKI stores' key).</summary>
    public string CertificateSerial { get; set; } = "";
    public DateTime CertificateNotAfterUtc { get; set; }

    /// <summary>Set the moment the seal can no longer be used by anyone (CRL/OCSP list it from then on).</summary>
    public DateTime? CertificateRevokedAtUtc { get; set; }
    public Guid CreatedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? VoidedAtUtc { get; set; }
    public Guid? VoidedByUserId { get; set; }
    public string? VoidReason { get; set; }

    /// <summary>The legal representative who consented to (or made) a 法定代表人章.</summary>
    public Guid? LegalRepresentativeConsentUserId { get; set; }
    public DateTime? LegalRepresentativeConsentAtUtc { get; set; }

    /// <summary>The platform admin's decision on a scanned seal.</summary>
    public Guid? ReviewedByUserId { get; set; }
    public DateTime? ReviewedAtUtc { get; set; }
    public string? ReviewNote { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public bool IsOrganizationSeal => Type != SealType.Name;
}

/// <summary>Why a seal was voided.</summary>
public enum SealVoidCause
{
    /// <summary>An admin voided it with a reason.</summary>
    Manual = 1,

    /// <summary>The legal representative changed (法定代表人章 only).</summary>
    LegalRepresentativeChanged = 2,

    /// <summary>The organization's name or USCC changed: every seal bears the old identity.</summary>
    OrganizationIdentityChanged = 3,
}

/// <summary>作废记录: who voided which seal when and why, and what followed.</summary>
public class SealVoidRecord : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SealId { get; set; }
    public string SealName { get; set; } = "";
    public SealType SealType { get; set; }
    public SealVoidCause Cause { get; set; }
    public string Reason { get; set; } = "";

    /// <summary>Null when an event (not a person) voided it.</summary>
    public Guid? VoidedByUserId { get; set; }
    public string VoidedByName { get; set; } = "";
    public DateTime VoidedAtUtc { get; set; }

    /// <summary>Grants revoked with the voiding (stop-at-voiding) or left running (keep-until-revoked).</summary>
    public int GrantsRevoked { get; set; }
    public int GrantsKept { get; set; }
    public bool CertificateRevoked { get; set; }
}

/// <summary>The legal representative's permission (seed 001) for the organization to hold a 法定代表人章 they did not make.</summary>
public class LegalRepresentativeSealConsent : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public string LegalRepresentativeName { get; set; } = "";
    public DateTime GivenAtUtc { get; set; }
    public DateTime? WithdrawnAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

public enum GrantStatus
{
    Active = 1,

    /// <summary>收回.</summary>
    Revoked = 2,
}

public enum GrantSource
{
    Manual = 1,

    /// <summary>The final approval of a <see cref="SealGrantRequest"/>.</summary>
    Request = 2,

    /// <summary>Made with the seal (a department seal to the department's heads).</summary>
    Default = 3,
}

/// <summary>印章授权: a member, or every member of a department, may use a seal from <see cref="StartUtc"/> to <see cref="EndUtc"/>.</summary>
public class SealGrant : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SealId { get; set; }

    /// <summary>Exactly one of <see cref="GranteeUserId"/> and <see cref="GranteeDepartmentId"/> is set.</summary>
    public Guid? GranteeUserId { get; set; }
    public Guid? GranteeDepartmentId { get; set; }
    public DateTime StartUtc { get; set; }

    /// <summary>Null: long-term. Otherwise 23:59:59 of the last day in the organization's time zone, as UTC; valid through that instant.</summary>
    public DateTime? EndUtc { get; set; }
    public GrantStatus Status { get; set; }
    public GrantSource Source { get; set; }
    public Guid GrantedByUserId { get; set; }
    public DateTime GrantedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public Guid? RevokedByUserId { get; set; }
    public string? RevokeReason { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>Active, started, and not past its end (the end instant itself still counts).</summary>
    public bool IsInForceAt(DateTime nowUtc) => Status == GrantStatus.Active && StartUtc <= nowUtc && (EndUtc is null || nowUtc <= EndUtc);

    /// <summary>已失效: active but past its end.</summary>
    public bool IsExpiredAt(DateTime nowUtc) => Status == GrantStatus.Active && EndUtc is { } end && nowUtc > end;
}

/// <summary>申请印章授权: a member asks for a seal; the policy's approval chain decides step by step.</summary>
public class SealGrantRequest : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SealId { get; set; }
    public Guid ApplicantUserId { get; set; }
    public string ApplicantName { get; set; } = "";

    /// <summary>The applicant's department when they applied (department-head steps are decided by its heads).</summary>
    public Guid? ApplicantDepartmentId { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime? EndUtc { get; set; }
    public string Reason { get; set; } = "";
    public RequestStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }

    /// <summary>The grant the final approval created.</summary>
    public Guid? GrantId { get; set; }
    public List<SealGrantRequestStep> Steps { get; set; } = [];
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

public enum GrantRequestStepStatus
{
    /// <summary>An earlier step has not been decided yet.</summary>
    Waiting = 0,
    Pending = 1,
    Approved = 2,
    Rejected = 3,

    /// <summary>Not reached: an earlier step rejected or the request was withdrawn.</summary>
    Cancelled = 4,
}

/// <summary>One ordered step of a grant request's approval chain.</summary>
public class SealGrantRequestStep : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid RequestId { get; set; }
    public int Order { get; set; }
    public ApprovalStepKind Kind { get; set; }
    public GrantRequestStepStatus Status { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Who decides one step of a grant request.</summary>
public enum ApprovalStepKind
{
    /// <summary>Any head of the applicant's department.</summary>
    DepartmentHead = 1,
    SealAdmin = 2,
    Owner = 3,
}

/// <summary>What voiding a seal does to its grants.</summary>
public enum VoidingBehaviour
{
    /// <summary>Every grant stops at once and the certificate is revoked (the safe default).</summary>
    StopAtVoiding = 1,

    /// <summary>Seed 001: the admin can no longer use or grant it; holders keep using it until their grant is revoked.</summary>
    KeepUntilRevoked = 2,
}

[Flags]
public enum AllowedWeekdays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    Workdays = Monday | Tuesday | Wednesday | Thursday | Friday,
    All = Workdays | Saturday | Sunday,
}

/// <summary>用印策略: exactly one per organization, with a rule per seal type and optional per-seal overrides.</summary>
public class SealPolicy : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public VoidingBehaviour VoidingBehaviour { get; set; } = VoidingBehaviour.StopAtVoiding;
    public DateTime UpdatedAtUtc { get; set; }
    public Guid? UpdatedByUserId { get; set; }
    public List<SealPolicyRule> Rules { get; set; } = [];
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>
/// The rule for one seal type (<see cref="SealId"/> null) or the override of one seal (<see cref="SealId"/> set; it replaces
/// its type's rule as a whole — the editor starts an override as a copy of the type rule).
/// </summary>
public class SealPolicyRule : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid PolicyId { get; set; }
    public SealType SealType { get; set; }
    public Guid? SealId { get; set; }
    public OrgRoles MakeRoles { get; set; } = OrgRoles.Owner | OrgRoles.SealAdmin;
    public OrgRoles VoidRoles { get; set; } = OrgRoles.Owner | OrgRoles.SealAdmin;
    public OrgRoles GrantRoles { get; set; } = OrgRoles.Owner | OrgRoles.SealAdmin;

    /// <summary>Whether a 法定代表人章 may be granted at all.</summary>
    public bool LegalRepresentativeGrantable { get; set; }

    /// <summary>Maximum validity of a grant in days (null: no maximum).</summary>
    public int? MaxGrantDays { get; set; } = 3 * 365;
    public bool AllowLongTerm { get; set; }

    /// <summary>The grant-request approval chain, in order.</summary>
    public List<ApprovalStepKind> ApprovalChain { get; set; } = [ApprovalStepKind.SealAdmin];

    /// <summary>用印审批: each use needs an approval first (the signing engine enforces it).</summary>
    public bool RequiresUseApproval { get; set; }
    public OrgRoles UseApproverRoles { get; set; } = OrgRoles.SealAdmin;
    public int? MaxUsesPerUserPerDay { get; set; }

    /// <summary>Allowed hours in the organization's time zone: from (inclusive) to (exclusive), 0–24.</summary>
    public int? AllowedFromHour { get; set; }
    public int? AllowedToHour { get; set; }
    public AllowedWeekdays AllowedWeekdays { get; set; } = AllowedWeekdays.All;
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
