namespace Portal.Application.Domain;

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
