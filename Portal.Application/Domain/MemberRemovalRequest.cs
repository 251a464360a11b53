namespace Portal.Application.Domain;

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
