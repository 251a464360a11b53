namespace Portal.Application.Domain;

public enum OrganizationType
{
    Enterprise = 1,
    University = 2,
    Other = 3,
}

public enum OrganizationStatus
{
    Draft = 0,
    Certifying = 1,
    Certified = 2,
    Rejected = 3,
    Withdrawn = 4,
}

/// <summary>The tenant: an enterprise, university or other organization.</summary>
public class Organization
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>统一社会信用代码 (18 characters, GB 32100 check digit).</summary>
    public string Uscc { get; set; } = "";
    public OrganizationType Type { get; set; }
    public OrganizationStatus Status { get; set; }
    public string TimeZoneId { get; set; } = "Asia/Shanghai";
    public string LegalRepresentativeName { get; set; } = "";

    /// <summary>身份证号 of the legal representative (18 characters, GB 11643 check digit).</summary>
    public string LegalRepresentativeIdNumber { get; set; } = "";

    /// <summary>The member who is the legal representative, once they joined.</summary>
    public Guid? LegalRepresentativeUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Set by the application on every update (SQLite has no row versions).</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>An organization-owned entity: the current space scopes every query to its organization.</summary>
public interface IOrganizationOwned
{
    Guid OrganizationId { get; }
}

/// <summary>A personal entity: visible to its owner only.</summary>
public interface IPersonallyOwned
{
    Guid OwnerUserId { get; }
}

public class Department : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? ParentId { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}
