namespace Portal.Application.Domain;

/// <summary>Seal types; all but <see cref="Name"/> are organization seals with their own HSM key and certificate.</summary>
public enum SealType
{
    /// <summary>公章.</summary>
    Official = 1,

    /// <summary>合同专用章.</summary>
    Contract = 2,

    /// <summary>财务专用章.</summary>
    Finance = 3,

    /// <summary>人事专用章.</summary>
    HumanResources = 4,

    /// <summary>法定代表人章: needs the legal representative's consent unless they made it.</summary>
    LegalRepresentative = 5,

    /// <summary>人名章 (personal; signs with its owner's personal certificate).</summary>
    Name = 6,
}

public enum SealStatus
{
    /// <summary>A scanned seal waiting for a platform admin's review.</summary>
    PendingReview = 0,
    Active = 1,

    /// <summary>作废: nobody may grant it; whether holders keep using it is the policy's <see cref="VoidingBehaviour"/>.</summary>
    Voided = 2,

    /// <summary>A scanned seal the platform admin rejected.</summary>
    Rejected = 3,
}

public enum SealFaceSource
{
    /// <summary>Drawn by the PDF engine from <see cref="Seal.FaceSpecJson"/>.</summary>
    Template = 1,

    /// <summary>扫描印章: a cleaned transparent PNG in the file store (<see cref="Seal.ImageFile"/>).</summary>
    Scanned = 2,
}

/// <summary>An organization seal (印章): its face, its own HSM pool key and seal certificate, and its lifecycle.</summary>
public class Seal : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>A department seal (部门章) belongs to this department.</summary>
    public Guid? DepartmentId { get; set; }
    public SealType Type { get; set; }
    public string Name { get; set; } = "";
    public SealFaceSource FaceSource { get; set; }

    /// <summary>The PDF engine's SealFaceSpec, serialized (JSON); for scanned seals, the width in millimetres lives there too.</summary>
    public string FaceSpecJson { get; set; } = "";

    /// <summary>File-store key of the scanned seal's transparent PNG.</summary>
    public string? ImageFile { get; set; }
    public SealStatus Status { get; set; }

    /// <summary>The HSM pool key id (one key per seal).</summary>
    public string KeyId { get; set; } = "";

    /// <summary>The seal certificate from the platform's issuing CA (DER).</summary>
    public byte[] CertificateDer { get; set; } = [];

    /// <summary>Serial number as lower-case hex (the PKI stores' key).</summary>
    public string CertificateSerial { get; set; } = "";
    public DateTime CertificateNotAfterUtc { get; set; }

    /// <summary>Set the moment the seal can no longer be used by anyone (CRL/OCSP list it from then on).</summary>
    public DateTime? CertificateRevokedAtUtc { get; set; }
    public Guid CreatedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? VoidedAtUtc { get; set; }
    public Guid? VoidedByUserId { get; set; }
    public string? VoidReason { get; set; }

    /// <summary>The legal representative who consented to (or made) a 法定代表人章.</summary>
    public Guid? LegalRepresentativeConsentUserId { get; set; }
    public DateTime? LegalRepresentativeConsentAtUtc { get; set; }

    /// <summary>The platform admin's decision on a scanned seal.</summary>
    public Guid? ReviewedByUserId { get; set; }
    public DateTime? ReviewedAtUtc { get; set; }
    public string? ReviewNote { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public bool IsOrganizationSeal => Type != SealType.Name;
}

/// <summary>Why a seal was voided.</summary>
public enum SealVoidCause
{
    /// <summary>An admin voided it with a reason.</summary>
    Manual = 1,

    /// <summary>The legal representative changed (法定代表人章 only).</summary>
    LegalRepresentativeChanged = 2,

    /// <summary>The organization's name or USCC changed: every seal bears the old identity.</summary>
    OrganizationIdentityChanged = 3,
}

/// <summary>作废记录: who voided which seal when and why, and what followed.</summary>
public class SealVoidRecord : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SealId { get; set; }
    public string SealName { get; set; } = "";
    public SealType SealType { get; set; }
    public SealVoidCause Cause { get; set; }
    public string Reason { get; set; } = "";

    /// <summary>Null when an event (not a person) voided it.</summary>
    public Guid? VoidedByUserId { get; set; }
    public string VoidedByName { get; set; } = "";
    public DateTime VoidedAtUtc { get; set; }

    /// <summary>Grants revoked with the voiding (stop-at-voiding) or left running (keep-until-revoked).</summary>
    public int GrantsRevoked { get; set; }
    public int GrantsKept { get; set; }
    public bool CertificateRevoked { get; set; }
}
