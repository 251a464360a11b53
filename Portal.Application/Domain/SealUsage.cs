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

    /// <summary>The signing task the use was made in (null: single-party signing).</summary>
    public Guid? SigningTaskId { get; set; }
    public string? SigningTaskNumber { get; set; }
}
