using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Portal.Application.Verification;

/// <summary>
/// The PDF verifier as Application sees it (implemented in Infrastructure over Portal.Signing): every signature of a
/// document checked against what the platform trusts (its CA and imported CAs), revocation from the platform's own
/// records, the trust store's cached CRLs and the document's validation material — never from an address in the document.
/// </summary>
public interface IDocumentVerifier
{
    /// <summary>The largest document accepted, in bytes (configuration <c>Verification:MaxUploadMegabytes</c>, default 50).</summary>
    long MaxBytes { get; }

    /// <summary>Verifies; an unreadable or hostile file is a report (FORMAT_FAILURE), not an exception.</summary>
    Task<DocumentVerificationReport> VerifyAsync(byte[] pdf, CancellationToken cancellationToken = default);
}

/// <summary>The overall verdict in plain terms.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    [JsonStringEnumMemberName("valid")]
    Valid,

    [JsonStringEnumMemberName("indeterminate")]
    Indeterminate,

    [JsonStringEnumMemberName("invalid")]
    Invalid,
}

/// <summary>One certificate of a signer's path.</summary>
public sealed record CertificateLink(string Subject, string Issuer, string SerialNumber, DateTime NotBeforeUtc, DateTime NotAfterUtc);

/// <summary>What a revision after a signature did: allowed additions (later signatures, their stamps, validation data) or changes.</summary>
public sealed record RevisionChange(int Revision, bool Allowed, string Summary, IReadOnlyList<string> Violations);

/// <summary>
/// Revocation of the signer's certificate: now, and at the signing time (the timestamp); <see cref="AtSigningSource"/> says
/// where the latter came from: "store" (the platform's records, an imported CA's cached CRL) or "document" (the
/// document's own validation data, its DSS, signed by the issuing CA).
/// </summary>
public sealed record RevocationFinding(string StatusNow, DateTimeOffset? RevokedAt, string StatusAtSigning, string? Reason, string AtSigningSource = "store");

/// <summary>
/// One signature's verdict. <see cref="Indication"/> and <see cref="SubIndication"/> carry the ETSI EN 319 102-1 names
/// (TOTAL_PASSED, TOTAL_FAILED, INDETERMINATE; NO_CERTIFICATE_CHAIN_FOUND …).
/// </summary>
public sealed record SignatureVerification
{
    public required int Index { get; init; }
    public required string FieldName { get; init; }
    public required string Indication { get; init; }
    public required string SubIndication { get; init; }
    public required Verdict Verdict { get; init; }

    /// <summary>The certificate's common name: a seal's name or a person's name.</summary>
    public string? Signer { get; init; }

    /// <summary>The certificate's organization (O), when it has one.</summary>
    public string? Organization { get; init; }

    /// <summary>The seal's name for an organization seal certificate (its CN); null for a person.</summary>
    public string? SealName { get; init; }

    /// <summary>The name the signature dictionary gives (/Name).</summary>
    public string? NameInDocument { get; init; }

    public string? SignerSubject { get; init; }
    public string? SerialNumber { get; init; }
    public DateTimeOffset? ClaimedSigningTime { get; init; }
    public DateTimeOffset? TimestampTime { get; init; }
    public string? TimestampAuthority { get; init; }
    public IReadOnlyList<CertificateLink> Chain { get; init; } = [];
    public string? TrustAnchor { get; init; }

    /// <summary>"platform" (our CA), "imported" (a CA the platform imported) or null (not trusted here).</summary>
    public string? TrustAnchorKind { get; init; }

    public RevocationFinding? Revocation { get; init; }
    public bool CoversWholeDocument { get; init; }

    /// <summary>True when a later revision changed content this signature covers (not only allowed additions).</summary>
    public bool ModifiedAfter { get; init; }

    /// <summary>The revisions after this signature and what each did.</summary>
    public IReadOnlyList<RevisionChange> LaterRevisions { get; init; } = [];

    /// <summary>Pages this signature's stamps are on.</summary>
    public IReadOnlyList<int> StampPages { get; init; } = [];

    /// <summary>
    /// The seal this signature shows: an id in <see cref="DocumentVerificationReport.SealImages"/>; null when its appearance
    /// draws none (an invisible signature, a text-only appearance as other tools write, an appearance that cannot be read).
    /// </summary>
    [Description("The id of this signature's seal image in `sealImages` (signatures by the same seal share one); null when the signature shows no seal.")]
    public string? SealImageId { get; init; }

    public int StampCount { get; init; }
    public IReadOnlyList<string> Messages { get; init; } = [];
}

/// <summary>
/// A seal as a signature's appearance draws it, at most 192 pixels a side and 64 KB; signatures by the same seal share one.
/// </summary>
[Description("A seal as the document shows it: a PNG of at most 192 × 192 pixels and 64 KB, transparent around the seal.")]
public sealed record SealImageData(
    [property: Description("The image's id (the start of its SHA-256), referred to by `signatures[].sealImageId`.")] string Id,
    [property: Description("Always `image/png`.")] string ContentType,
    [property: Description("Width in pixels.")] int Width,
    [property: Description("Height in pixels.")] int Height,
    [property: Description("The PNG, base64.")] byte[] Data)
{
    /// <summary>The image as a <c>data:</c> URL (the portal's CSP allows <c>img-src data:</c>).</summary>
    public string DataUrl() => "data:" + ContentType + ";base64," + Convert.ToBase64String(Data);
}

/// <summary>The whole verification report: the overall verdict is the worst of the signatures'.</summary>
public sealed record DocumentVerificationReport
{
    public required string Indication { get; init; }
    public required string SubIndication { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Sha256 { get; init; }
    public required long Bytes { get; init; }
    public required DateTimeOffset VerifiedAt { get; init; }
    public required IReadOnlyList<SignatureVerification> Signatures { get; init; }
    public IReadOnlyList<RevisionChange> Revisions { get; init; } = [];

    /// <summary>The seal images the signatures show, each once (see <see cref="SignatureVerification.SealImageId"/>).</summary>
    [Description("The seal images of the signatures, each once; a signature's `sealImageId` names its own. Empty with `images=false`.")]
    public IReadOnlyList<SealImageData> SealImages { get; init; } = [];

    /// <summary>A message for FORMAT_FAILURE / no signature (why the file could not be judged).</summary>
    public string? Detail { get; init; }

    /// <summary>The seal image a signature shows; null when none (or the images were left out).</summary>
    public SealImageData? SealImageOf(SignatureVerification signature) =>
        signature.SealImageId is { } id ? SealImages.FirstOrDefault(i => i.Id == id) : null;
}

/// <summary>The verification report as a PDF (drawn from the report's data; the uploaded file is never opened by it).</summary>
public interface IVerificationReportPdf
{
    /// <summary>Renders <paramref name="report"/>; <paramref name="text"/> gives the labels in the reader's language.</summary>
    byte[] Render(DocumentVerificationReport report, string fileName, Func<string, string> text);
}
