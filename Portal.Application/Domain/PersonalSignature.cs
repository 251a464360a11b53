namespace Portal.Application.Domain;

/// <summary>How a personal signature was made.</summary>
public enum PersonalSignatureKind
{
    /// <summary>人名章: generated from the verified real name with the seal-face template (a rectangle with the name).</summary>
    NameSeal = 1,

    /// <summary>手写签名: drawn on a canvas or uploaded, background removed (a transparent PNG).</summary>
    Handwritten = 2,
}

/// <summary>
/// A person's own signature (个人签名 / 人名章): signs with its owner's personal certificate, never an organization's key.
/// Deleting is soft (records keep the name); at most one live signature is the default.
/// </summary>
public class PersonalSignature : IPersonallyOwned
{
    public const int MaxNameLength = 40;

    public Guid Id { get; set; }
    public Guid OwnerUserId { get; set; }
    public PersonalSignatureKind Kind { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The name seal's face (SealFaceDesign JSON); also carries the stamp size in millimetres for handwritten ones.</summary>
    public string FaceSpecJson { get; set; } = "";

    /// <summary>File-store key of the handwritten signature's cleaned PNG; null for a name seal.</summary>
    public string? ImageFile { get; set; }
    public bool IsDefault { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DeletedAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
