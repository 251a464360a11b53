namespace Portal.Application.Domain;

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
