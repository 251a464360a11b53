namespace Portal.Application.Domain;

/// <summary>印章使用记录: one signature made with a seal (written in the signing unit of work, with the signed PDF stored).</summary>
public class SealUsage : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SealId { get; set; }

    /// <summary>The seal's name when it was used (seals can be renamed or voided later).</summary>
    public string SealName { get; set; } = "";
    public Guid UserId { get; set; }
    public string UserName { get; set; } = "";

    /// <summary>The signer's department when they signed (ledger filters by department).</summary>
    public Guid? DepartmentId { get; set; }
    public string DocumentName { get; set; } = "";

    /// <summary>SHA-256 (hex) of the document as uploaded.</summary>
    public string DocumentSha256 { get; set; } = "";

    /// <summary>SHA-256 (hex) of the signed PDF.</summary>
    public string SignedSha256 { get; set; } = "";

    /// <summary>File-store key of the signed PDF.</summary>
    public string SignedFileKey { get; set; } = "";

    /// <summary>The pages that got a stamp, comma-separated ("1,2,3").</summary>
    public string Pages { get; set; } = "";
    public int StampCount { get; set; }
    public DateTime SignedAtUtc { get; set; }
    public string? IpAddress { get; set; }

    /// <summary>The policy decision that allowed it (which grant, which use approval, or the holder rule under voiding).</summary>
    public string Decision { get; set; } = "";
    public Guid? GrantId { get; set; }
    public Guid? UseRequestId { get; set; }
}

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
