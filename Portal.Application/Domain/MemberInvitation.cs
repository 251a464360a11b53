namespace Portal.Application.Domain;

/// <summary>
/// An invitation of a mobile number by the owner (every add and import, registered number or not): shown in the member list
/// until the person accepts it in the portal (Approved: they join with the name, department and roles given here) or
/// declines it (Rejected); the owner may withdraw it (Withdrawn).
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
