namespace Portal.Application.Domain;

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
