using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.X509;
using Portal.Application.Common;
using Portal.Application.Signing;
using Portal.Signing;
using Portal.Signing.Pdf;
using Portal.Signing.Pki;
using Portal.Signing.Seals;

namespace Portal.Infrastructure.Signing;

/// <summary>
/// <see cref="IDocumentSigner"/> over Portal.Signing: the PDF engine's checks, seal faces (cached), the seal's pool key with
/// the platform CA chain, the platform TSA, and (PAdES B-LT, <c>Pdf:LongTermValidation</c>) the validation material in a DSS revision. The pool is resolved only when signing (it exists only with <c>Hsm:Tokens</c>).
/// </summary>
internal sealed class PdfDocumentSigner(IServiceProvider services, SigningAvailability availability, PdfSigningOptions options,
    SealFaceCache faces, ILogger<PdfDocumentSigner> logger) : IDocumentSigner
{
    public bool IsAvailable => availability.IsConfigured;

    public long MaxBytes => options.MaxBytes;

    public Result<int> Inspect(byte[] pdf)
    {
        try
        {
            return new PdfSigner(options).Inspect(pdf);
        }
        catch (SigningException ex)
        {
            return Map(ex);
        }
    }

    public Result<IReadOnlyList<KeywordHit>> FindKeyword(byte[] pdf, string keyword)
    {
        try
        {
            return Result<IReadOnlyList<KeywordHit>>.Ok(
                KeywordFinder.Find(pdf, keyword, options.Limits).Select(h => new KeywordHit(h.PageIndex + 1, h.X, h.Y, h.W, h.H)).ToList());
        }
        catch (SigningException ex)
        {
            return Map(ex);
        }
    }

    public async Task<Result<SignedPdf>> SignAsync(DocumentSignRequest request, CancellationToken cancellationToken = default)
    {
        if (!availability.IsConfigured)
        {
            return Result<SignedPdf>.Fail(Errors.SigningUnavailable);
        }
        try
        {
            var face = Face(request.Face);
            var ca = services.GetRequiredService<PlatformCa>();
            var certificate = new X509Certificate(request.CertificateDer);
            var key = services.GetRequiredService<Portal.Signing.Pkcs11.HsmPool>().GetSigningKey(request.KeyId, ca.ChainFor(certificate));
            var placements = request.Stamps.Select(s => Placement(s, face)).ToList();
            var result = await new PdfSigner(options).SignAsync(request.Pdf, new PdfSignRequest
            {
                Face = face,
                Stamps = placements,
                SignerName = request.SignerName,
                Reason = request.Reason,
            }, key, services.GetRequiredService<ITimestampAuthority>(), cancellationToken);
            var pdf = result.Pdf;
            if (options.LongTermValidation)
            {
                // PAdES B-LT: the chain, the CA's OCSP answers and CRLs, in the DSS revision right after the signature's.
                var material = await (services.GetService<IValidationMaterialSource>() ?? new PlatformValidationMaterial(ca)).CollectAsync(key.CertificateChain, cancellationToken);
                pdf = DocumentSecurityStore.Append(pdf, material, options);
            }

            return new SignedPdf(pdf, result.StampedPages, result.StampCount);
        }
        catch (SigningException ex)
        {
            logger.LogWarning(ex, "Signing refused: {Code}", ex.Code);
            return Map(ex);
        }
    }

    private SealAppearance Face(SealFace face)
    {
        if (face.ScannedPng is { Length: > 0 } png)
        {
            var spec = SealFaceSpec.FromJson(face.FaceSpecJson);
            var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(png));
            return faces.GetImage(key, png, spec?.WidthMm ?? 40);
        }
        if (SealFaceSpec.FromJson(face.FaceSpecJson) is { } template)
        {
            return faces.Get(template);
        }
        return SealAppearance.Ring(113); // 40 mm: a face-less seal still shows where it signed
    }

    // Application's placements are stamp centres; the engine places lower-left corners (a keyword stamp is centred on its
    // keyword by the engine, X and Y being the offset from there).
    private static StampPlacement Placement(StampSpec s, SealAppearance face)
    {
        var (dx, dy) = (face.Width / 2, face.Height / 2);
        return s.Kind switch
        {
            StampKind.Single => new SingleStamp(s.Page, Math.Max(0, s.X - dx), Math.Max(0, s.Y - dy)),
            StampKind.AllPages => new MultiPageStamp(Math.Max(0, s.X - dx), Math.Max(0, s.Y - dy)),
            StampKind.PageRange => new MultiPageStamp(Math.Max(0, s.X - dx), Math.Max(0, s.Y - dy), s.FirstPage, s.LastPage),
            StampKind.CrossPage => new CrossPageStamp(Math.Max(0, s.Y - dy), PageEdge.Right, s.FirstPage, s.LastPage),
            StampKind.Keyword when s.Keyword is { } keyword => new KeywordStamp(keyword, s.Match switch
            {
                KeywordMatch.First => KeywordOccurrence.First,
                KeywordMatch.Last => KeywordOccurrence.Last,
                _ => KeywordOccurrence.Each,
            }, s.X, s.Y),
            _ => throw new SigningException("pdf.bad_stamp", "Unknown stamp kind."),
        };
    }

    private PortalError Map(SigningException ex) => ex.Code switch
    {
        "pdf.too_large" => new PortalError(Errors.PdfTooLarge, options.MaxBytes / 1024 / 1024),
        "pdf.not_pdf" => new PortalError(Errors.PdfNotPdf),
        "pdf.encrypted" => new PortalError(Errors.PdfEncrypted),
        "pdf.broken" => new PortalError(Errors.PdfBroken),
        "pdf.too_complex" => new PortalError(Errors.PdfTooComplex),
        "pdf.no_pages" => new PortalError(Errors.PdfNoPages),
        "pdf.too_many_pages" => new PortalError(Errors.PdfTooManyPages, options.MaxPages),
        "pdf.cross_page_too_many" => new PortalError(Errors.PdfCrossPageTooMany, options.MaxCrossPageSlices),
        "pdf.keyword_not_found" => new PortalError(Errors.PlacementKeywordNotFound, ex.Subject ?? ""),
        "pdf.cross_page_too_few" or "pdf.page_out_of_range" or "pdf.bad_stamp" or "pdf.no_stamps" => new PortalError(Errors.PlacementInvalid, 0),
        "hsm.unavailable" or "hsm.config" => new PortalError(Errors.SigningUnavailable),
        _ => new PortalError(Errors.SigningFailed),
    };
}
