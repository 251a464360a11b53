namespace Portal.Application.Domain;

/// <summary>
/// 用印审批: the signer prepared a document and its stamp positions; an approver allows exactly that use. The signature
/// must match the stored document hash and placements, and consumes the approval.
/// </summary>
public class SealUseRequest : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SealId { get; set; }
    public string SealName { get; set; } = "";
    public Guid ApplicantUserId { get; set; }
    public string ApplicantName { get; set; } = "";
    public string DocumentName { get; set; } = "";
    public string DocumentSha256 { get; set; } = "";

    /// <summary>File-store key of the document as submitted (the approver's preview; the signer signs it from here).</summary>
    public string DocumentFileKey { get; set; } = "";

    /// <summary>The placements in canonical form (see <see cref="Signing.StampSpec.Canonical"/>).</summary>
    public string Placements { get; set; } = "";

    /// <summary>
    /// Inside a signing task the approval binds to the task, the document and the placements (<c>task:{id}/document:{id}</c>),
    /// not to <see cref="DocumentSha256"/>, which changes whenever another participant signs.
    /// </summary>
    public string? TaskDocumentKey { get; set; }
    public string Reason { get; set; } = "";
    public RequestStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public string? DecisionReason { get; set; }

    /// <summary>Set when the approved use was signed: an approval allows one signature.</summary>
    public DateTime? UsedAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
