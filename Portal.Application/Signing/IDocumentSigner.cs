using Portal.Application.Common;

namespace Portal.Application.Signing;

/// <summary>A seal face as the PDF engine draws it: the seals feature's template spec (JSON) or a scanned PNG.</summary>
public sealed record SealFace(string? FaceSpecJson, byte[]? ScannedPng);

/// <summary>What the PDF engine signs: the document, the seal's HSM key and certificate, its face and the placements.</summary>
public sealed record DocumentSignRequest(
    byte[] Pdf,
    string KeyId,
    byte[] CertificateDer,
    SealFace Face,
    IReadOnlyList<StampSpec> Stamps,
    string SignerName,
    string? Reason);

/// <summary>One occurrence of a keyword: its page (1-based) and the box of its glyphs, in PDF points from the page's lower left.</summary>
public sealed record KeywordHit(int Page, double X, double Y, double Width, double Height)
{
    public double CentreX => X + (Width / 2);

    public double CentreY => Y + (Height / 2);
}

/// <summary>The signed PDF and the pages that got a stamp.</summary>
public sealed record SignedPdf(byte[] Pdf, IReadOnlyList<int> StampedPages, int StampCount);

/// <summary>
/// The PDF engine and HSM pool as Application sees them (implemented in Infrastructure over Portal.Signing):
/// upload checks, and stamping + PAdES signing with a seal's pool key, timestamped by the platform TSA.
/// </summary>
public interface IDocumentSigner
{
    /// <summary>Whether this instance can sign at all (an HSM pool is configured).</summary>
    bool IsAvailable { get; }

    /// <summary>The largest document accepted, in bytes.</summary>
    long MaxBytes { get; }

    /// <summary>The document's page count, or why it cannot be signed (too large, not a PDF, encrypted, damaged …).</summary>
    Result<int> Inspect(byte[] pdf);

    /// <summary>
    /// Where a phrase occurs in the document's text, in reading order (a designated keyword position is checked so when a
    /// task is sent; the placer shows where keyword stamps land), or why the document cannot be searched. Parses the whole
    /// document: never under the write lock.
    /// </summary>
    Result<IReadOnlyList<KeywordHit>> FindKeyword(byte[] pdf, string keyword);

    /// <summary>Stamps and signs; a refusal of the engine comes back as a result, nothing is stored by this call.</summary>
    Task<Result<SignedPdf>> SignAsync(DocumentSignRequest request, CancellationToken cancellationToken = default);
}
