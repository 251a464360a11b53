using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Portal.Application.Signing;
using Portal.Application.Verification;
using Portal.Signing.Pdf.Verification;
using Portal.Signing.Pki;

namespace Portal.Infrastructure.Verification;

/// <summary>
/// <see cref="IDocumentVerifier"/> over Portal.Signing's <see cref="PdfVerifier"/>: trust and revocation come from the
/// trust store (platform CA, imported CAs and their cached CRLs); nothing is fetched from an address in the document.
/// </summary>
internal sealed class PdfDocumentVerifier(TrustStore trust, ITrustedCaStore cas, DocumentVerificationOptions options, TimeProvider clock) : IDocumentVerifier
{
    public long MaxBytes => options.MaxBytes;

    public async Task<DocumentVerificationReport> VerifyAsync(byte[] pdf, CancellationToken cancellationToken = default)
    {
        var options = await trust.VerificationOptionsAsync(cancellationToken: cancellationToken);
        var platformRoots = (await cas.ListAsync(cancellationToken)).Where(c => c.IsPlatform)
            .Select(c => new Org.BouncyCastle.X509.X509Certificate(c.CertificateDer).SubjectDN.ToString()).ToHashSet();
        // Parsing, hashing and RSA are CPU work: off the caller's thread (a Blazor circuit, a request).
        var report = await Task.Run(() => new PdfVerifier(options).VerifyAsync(pdf, cancellationToken), cancellationToken);
        return Map(report, pdf, platformRoots, clock.GetUtcNow());
    }

    internal static DocumentVerificationReport Map(PdfVerificationReport report, byte[] pdf, IReadOnlySet<string> platformRoots, DateTimeOffset now)
    {
        var revisions = report.Revisions.Select(r => new RevisionChange(r.Revision, r.Allowed, r.Summary, r.Violations)).ToList();
        // Each distinct seal image once (twenty signatures by one seal are one image in the report and its JSON).
        var images = new Dictionary<string, SealImageData>();
        string? ImageId(SealImage? image)
        {
            if (image is null)
            {
                return null;
            }

            var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(image.Data))[..16];
            images.TryAdd(id, new SealImageData(id, image.ContentType, image.Width, image.Height, image.Data));
            return id;
        }

        var signatures = report.Signatures.Select((s, i) =>
        {
            var later = report.Revisions.Where(r => r.Revision > s.Revision && s.Revision > 0).Select(r => new RevisionChange(r.Revision, r.Allowed, r.Summary, r.Violations)).ToList();
            var subject = s.Chain.Count > 0 ? s.Chain[0].Subject : s.Signer;
            var names = subject is null ? null : new X509Name(subject);
            string? Part(DerObjectIdentifier oid) => names?.GetValueList(oid).LastOrDefault();
            var organization = Part(X509Name.O);
            var cn = Part(X509Name.CN);
            return new SignatureVerification
            {
                Index = i + 1,
                FieldName = s.FieldName,
                Indication = Name(s.Indication),
                SubIndication = Name(s.SubIndication),
                Verdict = VerdictOf(s.Indication),
                Signer = cn,
                Organization = organization,
                SealName = organization is null ? null : cn,
                NameInDocument = s.SignerName,
                SignerSubject = subject,
                SerialNumber = s.Chain.Count > 0 ? s.Chain[0].SerialNumber : null,
                ClaimedSigningTime = s.ClaimedSigningTime,
                TimestampTime = s.TimestampTime,
                TimestampAuthority = s.TimestampAuthority,
                Chain = [.. s.Chain.Select(c => new CertificateLink(c.Subject, c.Issuer, c.SerialNumber, c.NotBeforeUtc, c.NotAfterUtc))],
                TrustAnchor = s.TrustAnchor,
                TrustAnchorKind = s.TrustAnchor is null ? null : platformRoots.Contains(s.TrustAnchor) ? "platform" : "imported",
                Revocation = s.Revocation is { } r ? Revocation(r) : null,
                CoversWholeDocument = s.CoversWholeDocument,
                ModifiedAfter = s.SubIndication == SubIndication.ModifiedAfterSigning || later.Any(x => !x.Allowed),
                LaterRevisions = later,
                StampPages = [.. s.Stamps.Select(x => x.Page).Distinct().Order()],
                StampCount = s.Stamps.Count,
                SealImageId = ImageId(s.SealImage),
                Messages = s.Messages,
            };
        }).ToList();
        return new DocumentVerificationReport
        {
            Indication = Name(report.Indication),
            SubIndication = Name(report.SubIndication),
            Verdict = VerdictOf(report.Indication),
            Sha256 = DocumentHash.Of(pdf),
            Bytes = pdf.Length,
            VerifiedAt = now,
            Signatures = signatures,
            Revisions = revisions,
            SealImages = [.. images.Values],
            Detail = report.Signatures.Count == 0 ? report.Revisions.FirstOrDefault()?.Summary : null,
        };
    }

    private static RevocationFinding Revocation(RevocationSummary r)
    {
        static string Name(RevocationState s) => s switch { RevocationState.Good => "good", RevocationState.Revoked => "revoked", _ => "unknown" };
        return new RevocationFinding(Name(r.State), r.RevokedAt, Name(r.AtSigningTime), r.Reason,
            r.Source == RevocationSource.DocumentDss ? "document" : "store");
    }

    private static Verdict VerdictOf(Indication i) => i switch
    {
        Indication.TotalPassed => Verdict.Valid,
        Indication.TotalFailed => Verdict.Invalid,
        _ => Verdict.Indeterminate,
    };

    /// <summary>The ETSI name the JSON converter writes (TOTAL_PASSED, NO_CERTIFICATE_CHAIN_FOUND …).</summary>
    private static string Name<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonSerializer.Serialize(value).Trim('"');
}

/// <summary>The upload limit (configuration <c>Verification:MaxUploadMegabytes</c>, default 50).</summary>
internal sealed record DocumentVerificationOptions(long MaxBytes);
