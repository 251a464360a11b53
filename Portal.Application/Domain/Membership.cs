namespace Portal.Application.Domain;

/// <summary>Organization roles; every membership is at least a member.</summary>
[Flags]
public enum OrgRoles
{
    Member = 0,

    /// <summary>单位管理员: exactly one per organization, transferable.</summary>
    Owner = 1,

    /// <summary>印章管理员.</summary>
    SealAdmin = 2,

    /// <summary>Head of the membership's department (院长/书记/正职).</summary>
    DepartmentHead = 4,
}

/// <summary>A user's membership of an organization, with its roles.</summary>
public class Membership : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The name the organization knows the member by.</summary>
    public string Name { get; set; } = "";
    public Guid? DepartmentId { get; set; }
    public OrgRoles Roles { get; set; }
    public DateTime JoinedAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public bool Has(OrgRoles role) => role == OrgRoles.Member || (Roles & role) == role;
}
