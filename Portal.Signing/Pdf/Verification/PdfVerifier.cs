using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.X509;
using Portal.Signing.Cms;
using Portal.Signing.Pdf.Parsing;
using Portal.Signing.Pki;

namespace Portal.Signing.Pdf.Verification;

/// <summary>
/// Verifies every signature of a PDF: byte range, digest and signature, chain to the given roots, revocation
/// with the timestamp as proof of existence; what later revisions changed comes from <see cref="RevisionAnalysis"/>.
/// </summary>
public sealed class PdfVerifier(PdfVerificationOptions options)
{
    private readonly ConcurrentDictionary<X509Certificate, CertificatePath> _paths = new();
    private readonly ConcurrentDictionary<string, CertificatePath> _failures = new();

    /// <summary>Verifies <paramref name="pdf"/>; never throws for a bad file (the report says FORMAT_FAILURE).</summary>
    public async Task<PdfVerificationReport> VerifyAsync(ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken = default)
    {
        // One budget for the whole upload: every revision view and every object read is charged to it.
        var budget = new PdfBudget(options.Limits);
        List<SigField> fields;
        RevisionAnalysis.Result analysis;
        DssMaterial? dss;
        PdfFile file;
        try
        {
            var shared = new PdfViewCache();
            file = PdfFile.Open(pdf, budget, shared);
            fields = RevisionAnalysis.FindSignatures(file);
            if (fields.Count == 0)
            {
                return Failed(SubIndication.SignedDataNotFound, "the PDF has no signatures");
            }

            analysis = RevisionAnalysis.Analyze(pdf, file, fields, budget, shared);
            dss = ReadDss(file);
        }
        catch (Exception ex) when (PdfInput.IsMalformed(ex))
        {
            return Failed(SubIndication.FormatFailure, (ex is PdfLimitException ? "the file is too complex to verify safely: " : "the file cannot be read as a PDF: ") + ex.Message);
        }

        var reports = new List<SignatureReport>();
        var revocations = new Dictionary<(X509Certificate, X509Certificate), RevocationStatus>();
        var digests = new SignedRangeDigests(pdf, [.. fields.Select(f => f.ByteRange)]);
        var seals = options.SealImages ? new SealImageReader(file, options.Limits) : null;
        foreach (var f in fields)
        {
            var later = analysis.Revisions.Where(r => r.EndOffset > f.End && !r.Allowed).ToList();
            try
            {
                var report = await VerifySignatureAsync(pdf, f, digests, later, analysis.StampsByEnd.GetValueOrDefault(f.End) ?? [], analysis.RevisionOf(f.End), revocations, dss, cancellationToken).ConfigureAwait(false);
                // The seal as the document shows it (the latest revision's appearance: a later change to it is a violation above).
                reports.Add(seals is not null && f.Field is { } field ? report with { SealImage = seals.Read(field) } : report);
            }
            catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
            {
                // A signature value no parser expected (BouncyCastle's exceptions are many): this signature fails, the report stands.
                reports.Add(new SignatureReport
                {
                    Index = 0,
                    FieldName = f.Name,
                    Indication = Indication.TotalFailed,
                    SubIndication = SubIndication.FormatFailure,
                    ByteRange = f.ByteRange,
                    Messages = ["the signature cannot be read: " + ex.Message],
                });
            }
        }

        var worst = reports.MaxBy(r => r.Indication)!;
        return new PdfVerificationReport
        {
            Indication = worst.Indication,
            SubIndication = worst.SubIndication,
            Signatures = reports,
            Revisions = analysis.Revisions,
        };
    }

    /// <summary>The document's DSS; a damaged one is no material (the signatures are judged without it), not a failed file.</summary>
    private static DssMaterial? ReadDss(PdfFile file)
    {
        try
        {
            return DssMaterial.Read(file);
        }
        catch (Exception ex) when (PdfInput.IsMalformed(ex) && ex is not PdfLimitException)
        {
            return null;
        }
    }

    private static PdfVerificationReport Failed(SubIndication sub, string message) => new()
    {
        Indication = sub == SubIndication.SignedDataNotFound ? Indication.Indeterminate : Indication.TotalFailed,
        SubIndication = sub,
        Signatures = [],
        Revisions = [new RevisionReport { Revision = 0, EndOffset = 0, Summary = message }],
    };

    private async Task<SignatureReport> VerifySignatureAsync(ReadOnlyMemory<byte> pdf, SigField f, SignedRangeDigests digests, List<RevisionReport> laterViolations, List<StampFound> stamps, int revision, Dictionary<(X509Certificate, X509Certificate), RevocationStatus> revocations, DssMaterial? dss, CancellationToken ct)
    {
        var messages = new List<string>();
        CertificatePath? path = null;
        RevocationSummary? revocation = null;
        SignatureReport Report(Indication ind, SubIndication sub, CmsCheck? cms = null) => new()
        {
            Chain = path is { } p ? [.. p.Certificates.Select(CertificateSummary.Of)] : cms?.Signer is { } signerCert ? [CertificateSummary.Of(signerCert)] : [],
            TrustAnchor = path?.Anchor?.SubjectDN.ToString(),
            TimestampAuthority = cms?.Timestamp?.TsaCertificate?.SubjectDN.ToString(),
            Revocation = revocation,
            Index = 0,
            FieldName = f.Name,
            Indication = ind,
            SubIndication = sub,
            SubFilter = f.Value.NameOf("SubFilter"),
            Signer = cms?.Signer?.SubjectDN.ToString(),
            SignerName = (f.Value["Name"] as PdfString)?.Text,
            TimestampTime = cms?.Timestamp is { Valid: true } t ? t.Time : null,
            ClaimedSigningTime = cms?.SigningTimeClaimed,
            Revision = revision,
            ByteRange = f.ByteRange,
            CoversWholeDocument = f.End == pdf.Length,
            Stamps = stamps,
            Messages = messages,
        };

        // The byte range must start at 0, leave out exactly the /Contents string, and end at a revision's %%EOF.
        var s = pdf.Span;
        var br = f.ByteRange;
        if (br.Length != 4 || br[0] != 0 || br[1] <= 0 || br[2] <= br[1] || br[3] < 0 || f.End > pdf.Length
            || s[(int)br[1]] != '<' || s[(int)br[2] - 1] != '>' || !RevisionAnalysis.EndsRevision(s, f.End))
        {
            messages.Add("the byte range does not cover one whole revision except /Contents");
            return Report(Indication.TotalFailed, SubIndication.FormatFailure);
        }

        var cms = CmsSignatureVerifier.Verify(f.Contents, oid => digests.Digest(oid, br));
        if (!cms.FormatOk || cms.Signer is null)
        {
            messages.Add(cms.Error ?? "unreadable signature");
            return Report(Indication.TotalFailed, SubIndication.FormatFailure, cms);
        }

        if (!cms.DigestOk)
        {
            messages.Add("the signed bytes were changed: the document digest does not match the signature");
            return Report(Indication.TotalFailed, SubIndication.HashFailure, cms);
        }

        if (!cms.SignatureOk)
        {
            messages.Add("the signature value does not verify with the signer's key" + (cms.Error is null ? "" : ": " + cms.Error));
            return Report(Indication.TotalFailed, SubIndication.SigCryptoFailure, cms);
        }

        DateTimeOffset? poe = null;
        if (cms.Timestamp is { } ts)
        {
            if (!ts.Valid)
            {
                messages.Add(ts.Error ?? "the timestamp is invalid");
            }
            else if (PathOf(ts.TsaCertificate!, ts.Certificates, ts.Time).Trusted)
            {
                poe = ts.Time;
                messages.Add("timestamp " + ts.Time.ToString("u", CultureInfo.InvariantCulture) + " by " + ts.TsaCertificate!.SubjectDN);
            }
            else
            {
                messages.Add("the timestamp's TSA does not chain to a trusted root");
            }
        }

        var at = poe ?? options.ValidationTime ?? DateTimeOffset.UtcNow;
        var signerPath = PathOf(cms.Signer, cms.Certificates, at);
        path = signerPath;
        if (!signerPath.Trusted)
        {
            messages.Add("the signer's certificate does not chain to a trusted root" + (signerPath.Error is null ? "" : ": " + signerPath.Error));
            return Report(Indication.Indeterminate, SubIndication.NoCertificateChainFound, cms);
        }

        var chain = signerPath.Certificates;
        if (at.UtcDateTime < cms.Signer.NotBefore || at.UtcDateTime > cms.Signer.NotAfter)
        {
            messages.Add("the signer's certificate was not valid at " + at.ToString("u", CultureInfo.InvariantCulture));
            return Report(Indication.Indeterminate, SubIndication.OutOfBoundsNoPoe, cms);
        }

        if (options.Revocation is null && dss is null)
        {
            messages.Add("revocation not checked (no revocation source)");
        }
        else
        {
            for (var i = 0; i + 1 < chain.Count; i++)
            {
                // Asked once per link and verification: twenty signatures by one seal are one question.
                RevocationStatus? now = null;
                if (options.Revocation is not null && !revocations.TryGetValue((chain[i], chain[i + 1]), out now))
                {
                    now = await options.Revocation.GetStatusAsync(chain[i], chain[i + 1], ct).ConfigureAwait(false);
                    revocations[(chain[i], chain[i + 1])] = now;
                }

                // The document's own material (B-LT) answers for the signing time when the caller's source cannot answer now;
                // only an answer the issuer signed counts, and only with a trusted timestamp to say what "signing time" is.
                var then = poe is { } tPoe && dss is not null && now?.State is null or RevocationState.Unknown
                    ? dss.StatusAt(chain[i], chain[i + 1], tPoe)
                    : null;

                if (i == 0)
                {
                    var afterTimestamp = poe is { } t0 && now?.RevocationTime is { } r0 && t0 < r0;
                    var (atSigning, source) = now?.State switch
                    {
                        RevocationState.Good => (RevocationState.Good, RevocationSource.TrustStore),
                        RevocationState.Revoked => (afterTimestamp ? RevocationState.Good : RevocationState.Revoked, RevocationSource.TrustStore),
                        _ when then is not null => (then.State, RevocationSource.DocumentDss),
                        _ => (RevocationState.Unknown, RevocationSource.TrustStore),
                    };
                    revocation = now is null && then is null
                        ? null
                        : new RevocationSummary(now?.State ?? RevocationState.Unknown, now?.RevocationTime ?? then?.RevocationTime, now?.Reason ?? then?.Reason, afterTimestamp, atSigning, source);
                }

                if (now?.State is null or RevocationState.Unknown)
                {
                    if (then?.State == RevocationState.Good)
                    {
                        messages.Add($"{chain[i].SubjectDN} was not revoked at the timestamp, per the document's validation data (DSS)");
                        continue;
                    }

                    if (then?.State == RevocationState.Revoked)
                    {
                        messages.Add(then.Reason ?? $"{chain[i].SubjectDN} was revoked before the timestamp");
                        return Report(Indication.TotalFailed, SubIndication.Revoked, cms);
                    }

                    if (now is null)
                    {
                        messages.Add("revocation not checked for " + chain[i].SubjectDN + " (no revocation source, nothing in the document)");
                        continue;
                    }

                    messages.Add("revocation status unknown for " + chain[i].SubjectDN);
                    return Report(Indication.Indeterminate, SubIndication.TryLater, cms);
                }

                if (now.State == RevocationState.Revoked)
                {
                    var when = now.RevocationTime ?? DateTimeOffset.MinValue;
                    if (poe is { } p && p < when)
                    {
                        messages.Add($"{chain[i].SubjectDN} was revoked at {when:u}, after the timestamp {p:u}: the signature stays valid");
                        continue;
                    }

                    messages.Add($"{chain[i].SubjectDN} was revoked at {when:u}" + (now.Reason is null ? "" : $" ({now.Reason})"));
                    return poe is null
                        ? Report(Indication.Indeterminate, SubIndication.RevokedNoPoe, cms)
                        : Report(Indication.TotalFailed, SubIndication.Revoked, cms);
                }
            }
        }

        if (laterViolations.Count > 0)
        {
            messages.AddRange(laterViolations.SelectMany(r => r.Violations.Select(v => $"revision {r.Revision}: {v}")));
            return Report(Indication.TotalFailed, SubIndication.ModifiedAfterSigning, cms);
        }

        return Report(Indication.TotalPassed, SubIndication.None, cms);
    }

    /// <summary>The shared chain builder (<see cref="CertificatePaths"/>) with the CMS's certificates and the configured intermediates.</summary>
    private CertificatePath PathOf(X509Certificate cert, IEnumerable<X509Certificate> fromSignature, DateTimeOffset at)
    {
        // Validity at the proof-of-existence time is judged apart (OUT_OF_BOUNDS_NO_POE), so the path is built at a time the certificate was valid.
        var when = at.UtcDateTime < cert.NotBefore ? cert.NotBefore : at.UtcDateTime > cert.NotAfter ? cert.NotAfter : at.UtcDateTime;
        // The anchors are fixed per verifier, so a path found once serves every signature made while all its certificates were valid.
        if (_paths.TryGetValue(cert, out var known) && known.Trusted && known.Certificates.All(c => c.NotBefore <= when && when <= c.NotAfter))
        {
            return known;
        }

        // A failed search is remembered too (twenty signatures from an untrusted seal are one search): its outcome depends only on
        // the certificates offered and which of them are valid at the time, so that is the key.
        var offered = fromSignature.Concat(options.Intermediates).ToList();
        var key = FailureKey(cert, offered, when);
        if (_failures.TryGetValue(key, out var failed))
        {
            return failed;
        }

        var path = CertificatePaths.Build(cert, offered, options.TrustAnchors, when);
        if (path.Trusted)
        {
            _paths[cert] = path;
        }
        else if (_failures.Count < 1024)
        {
            _failures[key] = path;
        }

        return path;
    }

    /// <summary>The certificate, everything offered to complete its path and the anchors, each with whether it is valid at <paramref name="when"/>.</summary>
    private string FailureKey(X509Certificate cert, List<X509Certificate> offered, DateTime when)
    {
        var parts = offered.Prepend(cert).Concat(options.TrustAnchors).Select(c =>
            Convert.ToHexString(SHA256.HashData(c.GetEncoded())) + (c.NotBefore <= when && when <= c.NotAfter ? "+" : "-"));
        return string.Join(",", parts);
    }
}
