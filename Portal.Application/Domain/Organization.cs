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

    public string Address { get; set; } = "";

    /// <summary>Non-mainland organizations cannot use the automatic channels: they go to manual review.</summary>
    public bool IsMainland { get; set; } = true;
    public CertificateCustody Custody { get; set; }

    /// <summary>The user who created the organization and runs its certification.</summary>
    public Guid? CreatedByUserId { get; set; }

    /// <summary>File-store key of the authorization letter (授权书), when the registrant is not the legal representative.</summary>
    public string? AuthorizationLetterFile { get; set; }

    /// <summary>File-store key of the business licence image (营业执照).</summary>
    public string? BusinessLicenseFile { get; set; }

    /// <summary>The mobile number the legal representative's authorization code goes to.</summary>
    public string? LegalRepresentativePhone { get; set; }

    /// <summary>The channel of the running certification.</summary>
    public CertificationChannel Channel { get; set; }

    /// <summary>Waiting in the platform admins' manual review queue: withdrawing is refused meanwhile.</summary>
    public bool AwaitingPlatformReview { get; set; }

    /// <summary>The platform's reason for the last rejection.</summary>
    public string? ReviewNote { get; set; }
    public DateTime? CertifiedAtUtc { get; set; }

    /// <summary>Set by the application on every update (SQLite has no row versions).</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>Where the organization's certificate keys live.</summary>
public enum CertificateCustody
{
    /// <summary>托管: the platform holds the keys (the default; server-side signing works).</summary>
    Hosted = 0,

    /// <summary>UKey, one key per seal: no server-side signing yet.</summary>
    UKeyOneSeal = 1,

    /// <summary>UKey, one key for many seals: no server-side signing yet.</summary>
    UKeyManySeals = 2,
}

/// <summary>How an organization proves who it is.</summary>
public enum CertificationChannel
{
    None = 0,

    /// <summary>对公打款: a small deposit to the corporate account whose amount the registrant enters.</summary>
    MicroDeposit = 1,

    /// <summary>An authorization code sent by SMS to the legal representative.</summary>
    LegalRepresentativeSms = 2,

    /// <summary>人工审核 by platform admins (always for non-mainland organizations).</summary>
    ManualReview = 3,
}
