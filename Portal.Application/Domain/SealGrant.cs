namespace Portal.Application.Domain;

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
