using System.Text.Json.Serialization;
using Org.BouncyCastle.X509;

namespace Portal.Signing.Pdf.Verification;

/// <summary>ETSI EN 319 102-1 main indications.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Indication>))]
public enum Indication
{
    [JsonStringEnumMemberName("TOTAL_PASSED")]
    TotalPassed,

    [JsonStringEnumMemberName("INDETERMINATE")]
    Indeterminate,

    [JsonStringEnumMemberName("TOTAL_FAILED")]
    TotalFailed,
}

/// <summary>ETSI-style sub-indications (plus MODIFIED_AFTER_SIGNING for the PDF modification analysis).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubIndication>))]
public enum SubIndication
{
    [JsonStringEnumMemberName("NONE")]
    None,

    [JsonStringEnumMemberName("FORMAT_FAILURE")]
    FormatFailure,

    [JsonStringEnumMemberName("HASH_FAILURE")]
    HashFailure,

    [JsonStringEnumMemberName("SIG_CRYPTO_FAILURE")]
    SigCryptoFailure,

    [JsonStringEnumMemberName("REVOKED")]
    Revoked,

    [JsonStringEnumMemberName("NO_CERTIFICATE_CHAIN_FOUND")]
    NoCertificateChainFound,

    [JsonStringEnumMemberName("REVOKED_NO_POE")]
    RevokedNoPoe,

    [JsonStringEnumMemberName("OUT_OF_BOUNDS_NO_POE")]
    OutOfBoundsNoPoe,

    [JsonStringEnumMemberName("TRY_LATER")]
    TryLater,

    [JsonStringEnumMemberName("NO_POE")]
    NoPoe,

    [JsonStringEnumMemberName("SIGNED_DATA_NOT_FOUND")]
    SignedDataNotFound,

    [JsonStringEnumMemberName("MODIFIED_AFTER_SIGNING")]
    ModifiedAfterSigning,
}

/// <summary>Revocation state of one certificate as the caller's source (platform CRL/OCSP, voided seals) knows it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RevocationState>))]
public enum RevocationState
{
    Good,
    Revoked,
    Unknown,
}

/// <summary>A revocation answer; RevocationTime is when the certificate stopped being usable.</summary>
public sealed record RevocationStatus(RevocationState State, DateTimeOffset? RevocationTime = null, string? Reason = null)
{
    public static readonly RevocationStatus Good = new(RevocationState.Good);
}

/// <summary>Supplied by the caller: the revocation status of a certificate (CRL, OCSP, a voided seal).</summary>
public interface IRevocationStatusProvider
{
    Task<RevocationStatus> GetStatusAsync(X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken = default);
}

/// <summary>What the verifier trusts and asks.</summary>
public sealed class PdfVerificationOptions
{
    /// <summary>Trusted roots (the platform CA and imported CAs).</summary>
    public IReadOnlyList<X509Certificate> TrustAnchors { get; init; } = [];

    /// <summary>CA certificates that may complete a path but are not anchors themselves (a trust store's imported intermediates).</summary>
    public IReadOnlyList<X509Certificate> Intermediates { get; init; } = [];

    /// <summary>Revocation source; null skips revocation (the report says so).</summary>
    public IRevocationStatusProvider? Revocation { get; init; }

    /// <summary>What parsing the file may cost (nesting, decoded sizes, objects, revisions, time); beyond it the report says FORMAT_FAILURE.</summary>
    public Portal.Signing.Pdf.Parsing.PdfParseLimits Limits { get; init; } = Portal.Signing.Pdf.Parsing.PdfParseLimits.Default;

    /// <summary>Validation time when a signature has no timestamp (default: now).</summary>
    public DateTimeOffset? ValidationTime { get; init; }

    /// <summary>Draw each signature's seal (its widget's appearance) into a small PNG on the report (default on).</summary>
    public bool SealImages { get; init; } = true;
}

/// <summary>One certificate of a signer's path, as a report shows it.</summary>
public sealed record CertificateSummary(string Subject, string Issuer, string SerialNumber, DateTime NotBeforeUtc, DateTime NotAfterUtc)
{
    public static CertificateSummary Of(X509Certificate c) =>
        new(c.SubjectDN.ToString(), c.IssuerDN.ToString(), c.SerialNumber.ToString(16).ToUpperInvariant(), c.NotBefore.ToUniversalTime(), c.NotAfter.ToUniversalTime());
}

/// <summary>Where a revocation answer came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RevocationSource>))]
public enum RevocationSource
{
    /// <summary>The caller's source (the platform's records, a trust store's cached CRL).</summary>
    [JsonStringEnumMemberName("TRUST_STORE")]
    TrustStore,

    /// <summary>The document's own validation material (its DSS), signed by the issuer.</summary>
    [JsonStringEnumMemberName("DOCUMENT_DSS")]
    DocumentDss,
}

/// <summary>
/// The signer certificate's revocation: <paramref name="State"/> now as the caller's source knows it (Unknown without one),
/// <paramref name="AtSigningTime"/> at the timestamp, and which source <paramref name="AtSigningTime"/> came from.
/// </summary>
public sealed record RevocationSummary(
    RevocationState State,
    DateTimeOffset? RevokedAt,
    string? Reason,
    bool RevokedAfterTimestamp,
    RevocationState AtSigningTime = RevocationState.Unknown,
    RevocationSource Source = RevocationSource.TrustStore);

/// <summary>A stamp (widget or stamp annotation) a revision added.</summary>
public sealed record StampFound(int Page, string Kind, double[] Rect);

/// <summary>The verdict for one signature, in file order.</summary>
public sealed record SignatureReport
{
    public required int Index { get; init; }
    public required string FieldName { get; init; }
    public required Indication Indication { get; init; }
    public required SubIndication SubIndication { get; init; }
    public string? SubFilter { get; init; }
    public string? Signer { get; init; }
    public string? SignerName { get; init; }
    public DateTimeOffset? TimestampTime { get; init; }
    public DateTimeOffset? ClaimedSigningTime { get; init; }
    public int Revision { get; init; }
    public long[] ByteRange { get; init; } = [];
    public bool CoversWholeDocument { get; init; }
    public IReadOnlyList<StampFound> Stamps { get; init; } = [];
    public IReadOnlyList<string> Messages { get; init; } = [];

    /// <summary>The signer's path from its certificate up to the trust anchor (only the signer's certificate when no path was found).</summary>
    public IReadOnlyList<CertificateSummary> Chain { get; init; } = [];

    /// <summary>The trusted root the path ends at; null when none.</summary>
    public string? TrustAnchor { get; init; }

    /// <summary>The issuer of the timestamp (the TSA certificate's subject), when there is a timestamp.</summary>
    public string? TimestampAuthority { get; init; }

    /// <summary>The signer certificate's revocation status; null when not asked (no path, no source).</summary>
    public RevocationSummary? Revocation { get; init; }

    /// <summary>The seal the signature's widget shows, as a PNG; null when it shows none (invisible, text only, unreadable).</summary>
    public SealImage? SealImage { get; init; }
}

/// <summary>What one incremental revision after the first signature added or changed.</summary>
public sealed record RevisionReport
{
    public required int Revision { get; init; }
    public required long EndOffset { get; init; }
    public int? SignatureIndex { get; init; }
    public required string Summary { get; init; }
    public IReadOnlyList<string> Added { get; init; } = [];
    public IReadOnlyList<string> Violations { get; init; } = [];
    public bool Allowed => Violations.Count == 0;
}

/// <summary>The whole report: overall indication is the worst of the signatures'.</summary>
public sealed record PdfVerificationReport
{
    public required Indication Indication { get; init; }
    public required SubIndication SubIndication { get; init; }
    public required IReadOnlyList<SignatureReport> Signatures { get; init; }
    public required IReadOnlyList<RevisionReport> Revisions { get; init; }
}
