using System.Globalization;
using Portal.Signing.Pdf.Parsing;

namespace Portal.Signing.Pdf.Verification;

/// <summary>A signature field found in the form: its /V dictionary, byte range, /Contents and the end of the revision it signs.</summary>
internal sealed record SigField(string Name, PdfDictionary Value, long[] ByteRange, byte[] Contents, long End)
{
    /// <summary>The field dictionary (the widget too when merged, else its /Kids hold the widgets).</summary>
    public PdfDictionary? Field { get; init; }
}

/// <summary>
/// The structural half of verification: finds the signature fields, splits the file into revisions at its %%EOF markers and
/// signature ends, and says what each later revision added or changed (modification analysis).
/// </summary>
internal static class RevisionAnalysis
{
    private static readonly HashSet<string> CatalogKeysAllowed = ["AcroForm", "DSS", "Metadata", "Perms", "Extensions"];
    private static readonly HashSet<string> AcroFormKeysAllowed = ["Fields", "SigFlags", "DR", "DA", "NeedAppearances"];

    /// <summary>The revisions of a signed file, the stamps each added (by revision end), and the revision number of any offset.</summary>
    public sealed record Result(List<RevisionReport> Revisions, Dictionary<long, List<StampFound>> StampsByEnd, Func<long, int> RevisionOf);

    /// <summary>Opens each revision as the file was when it ended (under the same budget) and compares it with the one before.</summary>
    public static Result Analyze(ReadOnlyMemory<byte> pdf, PdfFile file, List<SigField> fields, PdfBudget budget, PdfViewCache shared)
    {
        // Views share what they read (PdfViewCache): an object unchanged since an earlier revision is parsed once, and
        // comparing it with itself is a reference check, so the analysis costs the bytes, not bytes × revisions.
        var views = new Dictionary<long, PdfFile?>();
        PdfFile? View(long end)
        {
            if (!views.TryGetValue(end, out var v))
            {
                try
                {
                    v = end == pdf.Length ? file : PdfFile.Open(pdf[..(int)end], budget, shared);
                }
                catch (PdfFormatException ex) when (ex is not PdfLimitException)
                {
                    v = null;
                }

                views[end] = v;
            }

            return v;
        }

        var eofs = EofEnds(pdf.Span);
        var counted = CountedEofs(pdf.Span, eofs);
        int RevisionOf(long end) => end <= 0 ? 0 : UpperBound(counted, end);

        var sigEnds = fields.Where(f => f.End > 0 && f.End <= pdf.Length).Select(f => f.End).ToHashSet();
        var firstSigEnd = sigEnds.Count > 0 ? sigEnds.Min() : pdf.Length;
        var before = eofs.Where(e => e < firstSigEnd).DefaultIfEmpty(-1).Max();
        var boundaries = eofs.Where(e => e >= firstSigEnd).Concat(sigEnds).Append(pdf.Length).Distinct().Order().ToList();
        if (before > 0)
        {
            boundaries.Insert(0, before);
        }

        if (boundaries.Count > budget.Limits.MaxXrefSections)
        {
            throw new PdfLimitException($"more than {budget.Limits.MaxXrefSections} revisions");
        }

        var revisions = new List<RevisionReport>();
        var stampsByEnd = new Dictionary<long, List<StampFound>>();
        for (var i = 1; i < boundaries.Count; i++)
        {
            budget.CheckTime();
            var sig = fields.FirstOrDefault(f => f.End == boundaries[i]);
            var (report, stamps) = AnalyzeRevision(View(boundaries[i - 1]), View(boundaries[i]), boundaries[i - 1], boundaries[i], RevisionOf(boundaries[i]), sig, fields);
            revisions.Add(report);
            stampsByEnd[boundaries[i]] = stamps;
        }

        return new Result(revisions, stampsByEnd, RevisionOf);
    }

    /// <summary>The %%EOF ends that count as revisions (a linearized file's first-page trailer, startxref 0, does not).</summary>
    private static List<long> CountedEofs(ReadOnlySpan<byte> s, List<long> eofs)
    {
        var counted = new List<long>();
        foreach (var e in eofs)
        {
            var window = s[(int)Math.Max(0, e - 40)..(int)e];
            if (window.IndexOf("startxref\n0\n"u8) < 0 && window.IndexOf("startxref\r\n0\r\n"u8) < 0)
            {
                // Counted by where "%%EOF" itself ends, so a revision ending right after it (no newline) still counts it.
                var markerEnd = e;
                while (markerEnd > 0 && s[(int)markerEnd - 1] is (byte)'\n' or (byte)'\r')
                {
                    markerEnd--;
                }

                counted.Add(markerEnd);
            }
        }

        return counted;
    }

    /// <summary>How many of the sorted <paramref name="ends"/> are at or before <paramref name="end"/>.</summary>
    private static int UpperBound(List<long> ends, long end)
    {
        int lo = 0, hi = ends.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (ends[mid] <= end)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public static List<SigField> FindSignatures(PdfFile file)
    {
        var result = new List<SigField>();
        if (file.ResolveDict(file.Catalog["AcroForm"]) is not { } acro || file.Resolve(acro["Fields"]) is not PdfArray top)
        {
            return result;
        }

        var seen = new HashSet<int>();
        void Walk(PdfObject o, string prefix, string? inheritedFt, int depth)
        {
            // Field trees are a few levels deep; a deeper one is hostile and must not exhaust the stack.
            if (depth > 32)
            {
                throw new PdfLimitException("form fields nest deeper than 32 levels");
            }

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
                    Walk(k, name, ft, depth + 1);
                }

                return;
            }

            if (ft == "Sig" && file.ResolveDict(d["V"]) is { } v)
            {
                var br = file.Resolve(v["ByteRange"]) is PdfArray a && a.Count == 4 && a.Items.All(x => x is PdfNumber)
                    ? a.Items.Select(x => ((PdfNumber)x).LongValue).ToArray()
                    : [];
                var contents = (file.Resolve(v["Contents"]) as PdfString)?.Value ?? [];
                result.Add(new SigField(name, v, br, contents, br.Length == 4 ? br[2] + br[3] : -1) { Field = d });
            }
        }

        foreach (var f in top.Items)
        {
            Walk(f, "", null, 0);
        }

        return [.. result.OrderBy(s => s.End)];
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

        var prevPages = prev.Pages.Refs();
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
        var dssChanged = false;
        var dssParts = DssParts(prev);

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
                dssChanged = !SameEntry(((PdfDictionary)before)["DSS"], ((PdfDictionary)nowObj)["DSS"]);
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
            else if (dssParts.Contains(n) && IsDssLike(before) && IsDssLike(nowObj))
            {
                // The DSS (or its VRI) updated in place, as pyHanko does: validation data only, allowed after any signature.
                dssChanged = true;
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
            summary = dssChanged && violations.Count == 0 && stamps.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"revision {revision}: validation data for long-term validation (DSS: certificates, OCSP responses, CRLs)")
                : string.Create(CultureInfo.InvariantCulture, $"revision {revision}: no signature; {newObjects} new object(s), {defined.Count - newObjects} changed");
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
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is PdfStream sa && b is PdfStream sb)
        {
            return sa.Raw.Span.SequenceEqual(sb.Raw.Span) && Same(new PdfDictionary(sa), new PdfDictionary(sb));
        }

        return a.ToString() == b.ToString();
    }

    private static readonly HashSet<string> DssKeys = ["Type", "Certs", "OCSPs", "CRLs", "VRI"];

    /// <summary>
    /// A DSS or VRI dictionary by its shape (only DSS keys, or only 40-hex VRI keys; never a stream): an object the catalog's
    /// /DSS merely points at (a page's content array, a font) must not become changeable by that.
    /// </summary>
    private static bool IsDssLike(PdfObject o) => o is PdfDictionary d && o is not PdfStream
        && (d.Entries.All(e => DssKeys.Contains(e.Key)) || d.Entries.All(e => e.Key.Length == 40 && e.Key.All(char.IsAsciiHexDigit)));

    /// <summary>The numbers of the DSS dictionary and of the VRI dictionary it refers to indirectly.</summary>
    private static HashSet<int> DssParts(PdfFile file)
    {
        var parts = new HashSet<int>();
        if (file.Catalog["DSS"] is PdfReference dssRef)
        {
            parts.Add(dssRef.Number);
        }

        if (file.ResolveDict(file.Catalog["DSS"]) is { } dss)
        {
            if (dss["VRI"] is PdfReference r)
            {
                parts.Add(r.Number);
            }
        }

        return parts;
    }

    private static bool SameEntry(PdfObject? a, PdfObject? b) => a is null ? b is null : b is not null && Same(a, b);

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

    public static bool EndsRevision(ReadOnlySpan<byte> s, long end)
    {
        var e = (int)end;
        while (e > 0 && (s[e - 1] == '\n' || s[e - 1] == '\r'))
        {
            e--;
        }

        return e >= 5 && s[(e - 5)..e].SequenceEqual("%%EOF"u8);
    }
}
