using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Portal.Signing.Cms;
using Portal.Signing.Pdf.Parsing;
using Portal.Signing.Pki;

namespace Portal.Signing.Pdf.Verification;

/// <summary>
/// Verifies every signature of a PDF: byte range, digest and signature, chain to the given roots, revocation
/// with the timestamp as proof of existence, and what later revisions changed (modification analysis).
/// </summary>
public sealed class PdfVerifier(PdfVerificationOptions options)
{
    private static readonly HashSet<string> CatalogKeysAllowed = ["AcroForm", "DSS", "Metadata", "Perms", "Extensions"];
    private static readonly HashSet<string> AcroFormKeysAllowed = ["Fields", "SigFlags", "DR", "DA", "NeedAppearances"];
    private readonly ConcurrentDictionary<X509Certificate, CertificatePath> _paths = new();

    /// <summary>Verifies <paramref name="pdf"/>; never throws for a bad file (the report says FORMAT_FAILURE).</summary>
    public async Task<PdfVerificationReport> VerifyAsync(ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken = default)
    {
        PdfFile file;
        List<SigField> fields;
        try
        {
            file = PdfFile.Open(pdf);
            fields = FindSignatures(file);
        }
        catch (Exception ex) when (ex is PdfFormatException or InvalidCastException or NullReferenceException or ArgumentException)
        {
            return Failed(SubIndication.FormatFailure, "the file cannot be read as a PDF: " + ex.Message);
        }

        if (fields.Count == 0)
        {
            return Failed(SubIndication.SignedDataNotFound, "the PDF has no signatures");
        }

        var views = new Dictionary<long, PdfFile?>();
        PdfFile? View(long end)
        {
            if (!views.TryGetValue(end, out var v))
            {
                try
                {
                    v = end == pdf.Length ? file : PdfFile.Open(pdf[..(int)end]);
                }
                catch (PdfFormatException)
                {
                    v = null;
                }

                views[end] = v;
            }

            return v;
        }

        var eofs = EofEnds(pdf.Span);
        var sigEnds = fields.Where(f => f.End > 0).Select(f => f.End).ToHashSet();
        var firstSigEnd = sigEnds.Count > 0 ? sigEnds.Min() : pdf.Length;
        var before = eofs.Where(e => e < firstSigEnd).DefaultIfEmpty(-1).Max();
        var boundaries = eofs.Where(e => e >= firstSigEnd).Concat(sigEnds).Append(pdf.Length).Distinct().Order().ToList();
        if (before > 0)
        {
            boundaries.Insert(0, before);
        }

        var revisions = new List<RevisionReport>();
        var stampsByEnd = new Dictionary<long, List<StampFound>>();
        for (var i = 1; i < boundaries.Count; i++)
        {
            var sig = fields.FirstOrDefault(f => f.End == boundaries[i]);
            var (report, stamps) = AnalyzeRevision(View(boundaries[i - 1]), View(boundaries[i]), boundaries[i - 1], boundaries[i], RevisionNumber(pdf.Span, boundaries[i]), sig, fields);
            revisions.Add(report);
            stampsByEnd[boundaries[i]] = stamps;
        }

        var reports = new List<SignatureReport>();
        var revocations = new Dictionary<(X509Certificate, X509Certificate), RevocationStatus>();
        foreach (var f in fields)
        {
            var later = revisions.Where(r => r.EndOffset > f.End && !r.Allowed).ToList();
            reports.Add(await VerifySignatureAsync(pdf, f, later, stampsByEnd.GetValueOrDefault(f.End) ?? [], RevisionNumber(pdf.Span, f.End), revocations, cancellationToken).ConfigureAwait(false));
        }

        var worst = reports.MaxBy(r => r.Indication)!;
        return new PdfVerificationReport
        {
            Indication = worst.Indication,
            SubIndication = worst.SubIndication,
            Signatures = reports,
            Revisions = revisions,
        };
    }

    private static PdfVerificationReport Failed(SubIndication sub, string message) => new()
    {
        Indication = sub == SubIndication.SignedDataNotFound ? Indication.Indeterminate : Indication.TotalFailed,
        SubIndication = sub,
        Signatures = [],
        Revisions = [new RevisionReport { Revision = 0, EndOffset = 0, Summary = message }],
    };

    private sealed record SigField(string Name, PdfDictionary Value, long[] ByteRange, byte[] Contents, long End);

    private static List<SigField> FindSignatures(PdfFile file)
    {
        var result = new List<SigField>();
        if (file.ResolveDict(file.Catalog["AcroForm"]) is not { } acro || file.Resolve(acro["Fields"]) is not PdfArray top)
        {
            return result;
        }

        var seen = new HashSet<int>();
        void Walk(PdfObject o, string prefix, string? inheritedFt)
        {
            if (o is PdfReference r && !seen.Add(r.Number))
            {
                return;
            }

            if (file.ResolveDict(o) is not { } d)
            {
                return;
            }

            var name = d["T"] is PdfString t ? (prefix.Length > 0 ? prefix + "." : "") + t.Text : prefix;
            var ft = d.NameOf("FT") ?? inheritedFt;
            if (file.Resolve(d["Kids"]) is PdfArray kids && d["V"] is null)
            {
                foreach (var k in kids.Items)
                {
                    Walk(k, name, ft);
                }

                return;
            }

            if (ft == "Sig" && file.ResolveDict(d["V"]) is { } v)
            {
                var br = file.Resolve(v["ByteRange"]) is PdfArray a && a.Count == 4 && a.Items.All(x => x is PdfNumber)
                    ? a.Items.Select(x => ((PdfNumber)x).LongValue).ToArray()
                    : [];
                var contents = (file.Resolve(v["Contents"]) as PdfString)?.Value ?? [];
                result.Add(new SigField(name, v, br, contents, br.Length == 4 ? br[2] + br[3] : -1));
            }
        }

        foreach (var f in top.Items)
        {
            Walk(f, "", null);
        }

        return [.. result.OrderBy(s => s.End)];
    }

    private async Task<SignatureReport> VerifySignatureAsync(ReadOnlyMemory<byte> pdf, SigField f, List<RevisionReport> laterViolations, List<StampFound> stamps, int revision, Dictionary<(X509Certificate, X509Certificate), RevocationStatus> revocations, CancellationToken ct)
    {
        var messages = new List<string>();
        SignatureReport Report(Indication ind, SubIndication sub, CmsCheck? cms = null) => new()
        {
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
        if (br.Length != 4 || br[0] != 0 || br[1] <= 0 || br[2] <= br[1] || f.End > pdf.Length
            || s[(int)br[1]] != '<' || s[(int)br[2] - 1] != '>' || !EndsRevision(s, f.End))
        {
            messages.Add("the byte range does not cover one whole revision except /Contents");
            return Report(Indication.TotalFailed, SubIndication.FormatFailure);
        }

        var cms = CmsSignatureVerifier.Verify(f.Contents, oid =>
        {
            // .NET's SHA-2 is several times faster than BouncyCastle's managed digests; others (SM3) go through BouncyCastle.
            HashAlgorithmName? name = oid switch
            {
                "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
                "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
                "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
                _ => null,
            };
            if (name is { } n)
            {
                using var h = IncrementalHash.CreateHash(n);
                h.AppendData(pdf.Span[..(int)br[1]]);
                h.AppendData(pdf.Span.Slice((int)br[2], (int)br[3]));
                return h.GetHashAndReset();
            }

            var digest = DigestUtilities.GetDigest(oid);
            digest.BlockUpdate(pdf.Span[..(int)br[1]]);
            digest.BlockUpdate(pdf.Span.Slice((int)br[2], (int)br[3]));
            var result = new byte[digest.GetDigestSize()];
            digest.DoFinal(result, 0);
            return result;
        });
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

        if (options.Revocation is null)
        {
            messages.Add("revocation not checked (no revocation source)");
        }
        else
        {
            for (var i = 0; i + 1 < chain.Count; i++)
            {
                // Asked once per link and verification: twenty signatures by one seal are one question.
                if (!revocations.TryGetValue((chain[i], chain[i + 1]), out var status))
                {
                    status = await options.Revocation.GetStatusAsync(chain[i], chain[i + 1], ct).ConfigureAwait(false);
                    revocations[(chain[i], chain[i + 1])] = status;
                }

                if (status.State == RevocationState.Unknown)
                {
                    messages.Add("revocation status unknown for " + chain[i].SubjectDN);
                    return Report(Indication.Indeterminate, SubIndication.TryLater, cms);
                }

                if (status.State == RevocationState.Revoked)
                {
                    var when = status.RevocationTime ?? DateTimeOffset.MinValue;
                    if (poe is { } p && p < when)
                    {
                        messages.Add($"{chain[i].SubjectDN} was revoked at {when:u}, after the timestamp {p:u}: the signature stays valid");
                        continue;
                    }

                    messages.Add($"{chain[i].SubjectDN} was revoked at {when:u}" + (status.Reason is null ? "" : $" ({status.Reason})"));
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

        var path = CertificatePaths.Build(cert, fromSignature.Concat(options.Intermediates), options.TrustAnchors, when);
        _paths[cert] = path;
        return path;
    }

    private static (RevisionReport Report, List<StampFound> Stamps) AnalyzeRevision(
        PdfFile? prev, PdfFile? next, long prevEnd, long end, int revision, SigField? sig, List<SigField> allSigs)
    {
        var violations = new List<string>();
        var added = new List<string>();
        var stamps = new List<StampFound>();
        if (prev is null || next is null)
        {
            violations.Add("the revision's cross-reference data cannot be read");
            return (new RevisionReport { Revision = revision, EndOffset = end, Summary = $"revision {revision}: unreadable", Violations = violations }, stamps);
        }

        var newSections = next.Sections.Where(x => x.Offset >= prevEnd).ToList();
        var defined = newSections.SelectMany(x => x.Entries.Keys).ToHashSet();
        foreach (var n in newSections.SelectMany(x => x.Freed).Where(prev.Exists))
        {
            violations.Add($"object {n} deleted");
        }

        var prevPages = prev.GetPageRefs();
        var pageIndex = prevPages.Select((r, i) => (r.Number, i)).ToDictionary(x => x.Number, x => x.i);
        var annotsArrays = new Dictionary<int, int>();
        foreach (var (num, idx) in pageIndex)
        {
            if (prev.ResolveDict(new PdfReference(num, 0))?["Annots"] is PdfReference ar)
            {
                annotsArrays[ar.Number] = idx;
            }
        }

        var rootNum = prev.RootRef.Number;
        var acroRef = prev.Catalog["AcroForm"] as PdfReference;
        var fieldsRef = prev.ResolveDict(prev.Catalog["AcroForm"])?["Fields"] as PdfReference;
        var metadataRef = prev.Catalog["Metadata"] as PdfReference;
        var newAnnots = new List<(int Page, PdfReference Ref)>();

        foreach (var n in defined.Order())
        {
            var nowObj = next.GetObject(n);
            if (nowObj is PdfStream st && st.NameOf("Type") is "XRef" or "ObjStm")
            {
                continue;
            }

            if (!prev.Exists(n))
            {
                continue;
            }

            var before = prev.GetObject(n);
            if (before is null || nowObj is null)
            {
                continue;
            }

            if (Same(before, nowObj))
            {
                continue;
            }

            if (n == rootNum)
            {
                CheckKeys((PdfDictionary)before, (PdfDictionary)nowObj, CatalogKeysAllowed, "the document catalog", violations);
            }
            else if (n == acroRef?.Number)
            {
                CheckKeys((PdfDictionary)before, (PdfDictionary)nowObj, AcroFormKeysAllowed, "the form", violations);
                CheckSuperset(prev.Resolve(((PdfDictionary)before)["Fields"]), next.Resolve(((PdfDictionary)nowObj)["Fields"]), "the form's field list", violations);
            }
            else if (pageIndex.TryGetValue(n, out var pi))
            {
                CheckKeys((PdfDictionary)before, (PdfDictionary)nowObj, ["Annots"], $"page {pi + 1}", violations);
                foreach (var r in CheckSuperset(prev.Resolve(((PdfDictionary)before)["Annots"]), next.Resolve(((PdfDictionary)nowObj)["Annots"]), $"page {pi + 1}'s annotations", violations))
                {
                    newAnnots.Add((pi + 1, r));
                }
            }
            else if (annotsArrays.TryGetValue(n, out var ai))
            {
                foreach (var r in CheckSuperset(before, nowObj, $"page {ai + 1}'s annotations", violations))
                {
                    newAnnots.Add((ai + 1, r));
                }
            }
            else if (n == fieldsRef?.Number)
            {
                CheckSuperset(before, nowObj, "the form's field list", violations);
            }
            else if (n == metadataRef?.Number || (nowObj is PdfDictionary md && md.NameOf("Type") == "Metadata"))
            {
                // XMP updates are allowed.
            }
            else if (before is PdfDictionary bf && bf.NameOf("FT") == "Sig" && bf["V"] is null && nowObj is PdfDictionary nf)
            {
                // An empty signature field being signed.
                CheckKeys(bf, nf, ["V", "AP", "Lock"], "a signature field", violations);
            }
            else
            {
                var kind = (before as PdfDictionary)?.NameOf("Type") ?? (before as PdfDictionary)?.NameOf("Subtype") ?? before.GetType().Name.Replace("Pdf", "", StringComparison.Ordinal).ToLowerInvariant();
                violations.Add($"object {n} ({kind}) changed");
            }
        }

        foreach (var (page, r) in newAnnots)
        {
            if (prev.Exists(r.Number))
            {
                violations.Add($"an existing annotation (object {r.Number}) was attached to page {page}");
                continue;
            }

            var a = next.ResolveDict(r);
            var subtype = a?.NameOf("Subtype") ?? "?";
            var rect = next.Resolve(a?["Rect"]) is PdfArray ra ? ra.Items.Select(x => next.Resolve(x) is PdfNumber num ? num.Value : 0).ToArray() : [];
            stamps.Add(new StampFound(page, subtype, rect));
        }

        string summary;
        if (sig is not null)
        {
            var index = allSigs.IndexOf(sig) + 1;
            var signer = (sig.Value["Name"] as PdfString)?.Text ?? sig.Name;
            var pages = stamps.Select(x => x.Page).Distinct().Order().ToList();
            summary = string.Create(CultureInfo.InvariantCulture, $"revision {revision}: signature #{index} by {signer}, {stamps.Count} stamp(s)") + (pages.Count > 0 ? " on pages " + PageList(pages) : "");
            added.Add(summary);
        }
        else
        {
            var newObjects = defined.Count(n => !prev.Exists(n));
            summary = string.Create(CultureInfo.InvariantCulture, $"revision {revision}: no signature; {newObjects} new object(s), {defined.Count - newObjects} changed");
            if (stamps.Count > 0)
            {
                violations.Add(string.Create(CultureInfo.InvariantCulture, $"{stamps.Count} annotation(s) added on pages {PageList(stamps.Select(x => x.Page).Distinct().Order().ToList())} without a signature covering them"));
            }
        }

        return (new RevisionReport { Revision = revision, EndOffset = end, SignatureIndex = sig is null ? null : allSigs.IndexOf(sig) + 1, Summary = summary, Added = added, Violations = violations }, stamps);
    }

    private static string PageList(List<int> pages) =>
        pages.Count > 2 && pages[^1] - pages[0] == pages.Count - 1 ? $"{pages[0]}–{pages[^1]}" : string.Join(", ", pages);

    private static bool Same(PdfObject a, PdfObject b)
    {
        if (a is PdfStream sa && b is PdfStream sb)
        {
            return sa.Raw.Span.SequenceEqual(sb.Raw.Span) && Same(new PdfDictionary(sa), new PdfDictionary(sb));
        }

        return a.ToString() == b.ToString();
    }

    private static void CheckKeys(PdfDictionary before, PdfDictionary now, HashSet<string> allowed, string what, List<string> violations)
    {
        var keys = before.Entries.Select(e => e.Key).Union(now.Entries.Select(e => e.Key));
        foreach (var k in keys)
        {
            if (allowed.Contains(k) || k == "Length")
            {
                continue;
            }

            var x = before[k];
            var y = now[k];
            if (x is null || y is null || !Same(x, y))
            {
                violations.Add($"{what}: /{k} changed");
            }
        }
    }

    private static List<PdfReference> CheckSuperset(PdfObject? before, PdfObject? now, string what, List<string> violations)
    {
        var old = (before as PdfArray)?.Items ?? [];
        var @new = (now as PdfArray)?.Items ?? [];
        var oldSet = old.Select(x => x.ToString()).ToHashSet();
        var newSet = @new.Select(x => x.ToString()).ToHashSet();
        if (!oldSet.IsSubsetOf(newSet))
        {
            violations.Add($"{what}: entries removed");
        }

        return @new.OfType<PdfReference>().Where(r => !oldSet.Contains(r.ToString())).ToList();
    }

    private static List<long> EofEnds(ReadOnlySpan<byte> s)
    {
        var ends = new List<long>();
        var from = 0;
        while (true)
        {
            var i = s[from..].IndexOf("%%EOF"u8);
            if (i < 0)
            {
                break;
            }

            var e = from + i + 5;
            if (e < s.Length && s[e] == '\r')
            {
                e++;
            }

            if (e < s.Length && s[e] == '\n')
            {
                e++;
            }

            ends.Add(e);
            from = e;
        }

        return ends;
    }

    private static bool EndsRevision(ReadOnlySpan<byte> s, long end)
    {
        var e = (int)end;
        while (e > 0 && (s[e - 1] == '\n' || s[e - 1] == '\r'))
        {
            e--;
        }

        return e >= 5 && s[(e - 5)..e].SequenceEqual("%%EOF"u8);
    }

    private static int RevisionNumber(ReadOnlySpan<byte> s, long end)
    {
        // Count %%EOF markers up to the end, skipping a linearized file's first-page trailer (startxref 0).
        var n = 0;
        foreach (var e in EofEnds(s[..(int)end]))
        {
            var window = s[(int)Math.Max(0, e - 40)..(int)e];
            if (window.IndexOf("startxref\n0\n"u8) < 0 && window.IndexOf("startxref\r\n0\r\n"u8) < 0)
            {
                n++;
            }
        }

        return n;
    }
}
