using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Portal.Signing.Cms;
using Portal.Signing.Pdf.Parsing;

namespace Portal.Signing.Pdf;

/// <summary>
/// Stamps and signs a PDF in one incremental update (PAdES B-T, ETSI.CAdES.detached): a signature field
/// whose widget shows the first stamp, the signer's other stamps as annotations in the same revision.
/// </summary>
public sealed class PdfSigner(PdfSigningOptions? options = null)
{
    private readonly PdfSigningOptions _options = options ?? new PdfSigningOptions();

    /// <summary>
    /// The checks signing makes before touching a file (size, PDF header, structure, encryption, page count), without
    /// signing: returns the page count or throws <see cref="SigningException"/> with the refusal's code.
    /// </summary>
    public int Inspect(ReadOnlyMemory<byte> pdf)
    {
        try
        {
            PdfInput.Open(pdf, _options, out var pageCount);
            return pageCount;
        }
        catch (Exception ex) when (PdfInput.IsMalformed(ex))
        {
            throw PdfInput.Broken(ex);
        }
    }

    /// <summary>Signs <paramref name="pdf"/>; throws <see cref="SigningException"/> on refusal (nothing is produced then).</summary>
    public async Task<PdfSignResult> SignAsync(
        ReadOnlyMemory<byte> pdf,
        PdfSignRequest request,
        ISigningKey key,
        ITimestampAuthority? tsa,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await SignCoreAsync(pdf, request, key, tsa, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (PdfInput.IsMalformed(ex))
        {
            // Stamping reads objects the first look did not (boxes, annotations): a bad one is a damaged file too.
            throw PdfInput.Broken(ex);
        }
    }

    private async Task<PdfSignResult> SignCoreAsync(
        ReadOnlyMemory<byte> pdf,
        PdfSignRequest request,
        ISigningKey key,
        ITimestampAuthority? tsa,
        CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        var file = PdfInput.Open(pdf, _options, out var pageCount);
        var pageRefs = new LazyPageList(file, pageCount);

        var parse = sw.Elapsed;
        sw.Restart();

        var update = new IncrementalUpdate(file);
        var placed = StampLayout.Resolve(
            file,
            pageRefs,
            request,
            _options,
            i => PageGeometry.Of(file, file.ResolveDict(pageRefs[i])!),
            kw => KeywordFinder.Find(pdf, kw.Keyword, _options.Limits));

        var fieldName = UniqueFieldName(file);
        var sigDict = new SignatureDictionary(EstimateReserve(key))
        {
            SignerName = request.SignerName,
            Reason = request.Reason,
            Location = request.Location,
            Time = request.SigningTime ?? DateTimeOffset.UtcNow,
        };
        var sigRef = update.Add(sigDict);

        var faces = new Dictionary<SealAppearance, PdfReference>();
        var annotsByPage = new Dictionary<int, List<PdfReference>>();
        PdfReference? widgetRef = null;
        for (var i = 0; i < placed.Count; i++)
        {
            var s = placed[i];
            if (!faces.TryGetValue(s.Face, out var faceRef))
            {
                faceRef = s.Face.ImportInto(update);
                faces[s.Face] = faceRef;
            }

            var geometry = PageGeometry.Of(file, file.ResolveDict(pageRefs[s.PageIndex])!);
            var ap = update.Add(AppearanceFor(s, faceRef, geometry.Rotate));
            var annot = new PdfDictionary()
                .Set("Type", new PdfName("Annot"))
                .Set("Subtype", new PdfName(i == 0 ? "Widget" : "Stamp"))
                .Set("Rect", PdfArray.Of(s.X, s.Y, s.X + s.Width, s.Y + s.Height))
                .Set("P", pageRefs[s.PageIndex])
                // Print + Locked: shown when printed, not movable in a viewer.
                .Set("F", new PdfNumber(132))
                .Set("AP", new PdfDictionary().Set("N", ap))
                .Set("NM", PdfString.FromText(string.Create(CultureInfo.InvariantCulture, $"{fieldName}.{i}")));
            if (i == 0)
            {
                annot.Set("FT", new PdfName("Sig")).Set("T", PdfString.FromText(fieldName)).Set("V", sigRef);
            }
            else
            {
                annot.Set("Name", new PdfName("Portal.Seal"));
                if (request.SignerName is not null)
                {
                    annot.Set("T", PdfString.FromText(request.SignerName));
                }
            }

            var annotRef = update.Add(annot);
            widgetRef ??= annotRef;
            if (!annotsByPage.TryGetValue(s.PageIndex, out var list))
            {
                annotsByPage[s.PageIndex] = list = [];
            }

            list.Add(annotRef);
        }

        foreach (var (pageIndex, refs) in annotsByPage)
        {
            AddAnnots(update, pageRefs[pageIndex], refs);
        }

        AddField(update, widgetRef!);
        var stamp = sw.Elapsed;

        return await FinishAsync(update, sigDict, key, tsa, fieldName, placed, parse, stamp, retry: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PdfSignResult> FinishAsync(
        IncrementalUpdate update,
        SignatureDictionary sigDict,
        ISigningKey key,
        ITimestampAuthority? tsa,
        string fieldName,
        List<PlacedStamp> placed,
        TimeSpan parse,
        TimeSpan stamp,
        bool retry,
        CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var original = update.File.Data;
        var appended = update.Write();
        var total = original.Length + appended.Length;
        var contentsStart = original.Length + sigDict.ContentsOffset;
        var contentsEnd = contentsStart + 2 + (sigDict.ReservedBytes * 2);
        var output = new byte[total];
        original.Span.CopyTo(output);
        appended.Span.CopyTo(output.AsSpan(original.Length));
        var br = string.Create(CultureInfo.InvariantCulture, $"{contentsStart} {contentsEnd} {total - contentsEnd}]");
        var brSpan = output.AsSpan(original.Length + sigDict.ByteRangeOffset, SignatureDictionary.ByteRangeWidth);
        brSpan.Fill((byte)' ');
        Encoding.ASCII.GetBytes(br).CopyTo(brSpan);
        var write = sw.Elapsed;
        sw.Restart();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(output, 0, contentsStart);
        hash.AppendData(output, contentsEnd, total - contentsEnd);
        var digest = hash.GetHashAndReset();
        var hashTime = sw.Elapsed;

        var (cms, timings) = await CadesSignedDataBuilder.BuildAsync(digest, key, tsa, ct).ConfigureAwait(false);
        if (cms.Length > sigDict.ReservedBytes)
        {
            if (!retry)
            {
                throw new SigningException("pdf.signature_too_large", $"The signature ({cms.Length} bytes) does not fit the space reserved for it.");
            }

            // Our estimate was short (e.g. a long TSA chain): redo the revision once with the measured size.
            sigDict.ReservedBytes = cms.Length + 512;
            return await FinishAsync(update, sigDict, key, tsa, fieldName, placed, parse, stamp, retry: false, ct).ConfigureAwait(false);
        }

        var hex = Convert.ToHexString(cms);
        Encoding.ASCII.GetBytes(hex).CopyTo(output.AsSpan(contentsStart + 1));
        return new PdfSignResult(
            output,
            fieldName,
            placed.Count,
            placed.Select(p => p.PageIndex + 1).Distinct().Order().ToList(),
            new PdfSignTimings(parse, stamp, write, hashTime, timings.Sign, timings.Timestamp));
    }

    private int EstimateReserve(ISigningKey key) =>
        key.CertificateChain.Sum(c => c.GetEncoded().Length) + _options.CmsReserveExtra;

    private static PdfStream AppearanceFor(PlacedStamp s, PdfReference faceRef, int rotate)
    {
        // The appearance is drawn upright in its own box, then the box is turned against the page's /Rotate
        // so the seal reads upright in a viewer.
        var (aw, ah) = rotate is 90 or 270 ? (s.Height, s.Width) : (s.Width, s.Height);
        var fullW = aw / (s.SliceTo - s.SliceFrom);
        var sx = fullW / s.Face.Width;
        var sy = ah / s.Face.Height;
        var tx = -(s.SliceFrom * fullW);
        var content = string.Create(
            CultureInfo.InvariantCulture,
            $"q {F(sx)} 0 0 {F(sy)} {F(tx)} 0 cm /Seal Do Q");
        var d = new PdfDictionary()
            .Set("Type", new PdfName("XObject"))
            .Set("Subtype", new PdfName("Form"))
            .Set("BBox", PdfArray.Of(0, 0, aw, ah))
            .Set("Resources", new PdfDictionary().Set("XObject", new PdfDictionary().Set("Seal", faceRef)));
        if (rotate != 0)
        {
            var (cos, sin) = rotate switch { 90 => (0, 1), 180 => (-1, 0), _ => (0, -1) };
            d.Set("Matrix", PdfArray.Of(cos, sin, -sin, cos, 0, 0));
        }

        return new PdfStream(d, Encoding.ASCII.GetBytes(content));
    }

    private static string F(double v) => PdfNumber.Format(v);

    private static void AddAnnots(IncrementalUpdate update, PdfReference pageRef, List<PdfReference> refs)
    {
        var file = update.File;
        var page = new PdfDictionary(file.ResolveDict(pageRef)!);
        if (page["Annots"] is PdfReference annotsRef && file.Resolve(annotsRef) is PdfArray shared)
        {
            var arr = update.Pending(annotsRef.Number) as PdfArray ?? new PdfArray(shared.Items);
            arr.Items.AddRange(refs);
            update.Replace(annotsRef.Number, arr);
            return;
        }

        var annots = file.Resolve(page["Annots"]) is PdfArray existing ? new PdfArray(existing.Items) : new PdfArray();
        annots.Items.AddRange(refs);
        page["Annots"] = annots;
        update.Replace(pageRef.Number, page);
    }

    private static void AddField(IncrementalUpdate update, PdfReference widgetRef)
    {
        var file = update.File;
        var catalogRef = file.RootRef;
        var catalog = new PdfDictionary(file.Catalog);
        var acroRef = catalog["AcroForm"] as PdfReference;
        var acro = new PdfDictionary(file.ResolveDict(catalog["AcroForm"]) ?? new PdfDictionary());
        var fields = file.Resolve(acro["Fields"]) is PdfArray f ? new PdfArray(f.Items) : new PdfArray();
        fields.Items.Add(widgetRef);
        acro["Fields"] = fields;
        acro["SigFlags"] = new PdfNumber(3);
        if (acroRef is not null)
        {
            update.Replace(acroRef.Number, acro);
        }
        else
        {
            catalog["AcroForm"] = update.Add(acro);
            update.Replace(catalogRef.Number, catalog);
        }
    }

    private static string UniqueFieldName(PdfFile file)
    {
        var names = new HashSet<string>();
        if (file.ResolveDict(file.Catalog["AcroForm"]) is { } acro && file.Resolve(acro["Fields"]) is PdfArray fields)
        {
            foreach (var f in fields.Items)
            {
                if (file.ResolveDict(f)?["T"] is PdfString t)
                {
                    names.Add(t.Text);
                }
            }
        }

        for (var i = names.Count + 1; ; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"Signature{i}");
            if (!names.Contains(name))
            {
                return name;
            }
        }
    }
}

/// <summary>Page references looked up on demand (see <see cref="PdfPageTree.At"/>).</summary>
internal sealed class LazyPageList(PdfFile file, int count) : IReadOnlyList<PdfReference>
{
    private readonly Dictionary<int, PdfReference> _cache = [];

    public int Count => count;

    public PdfReference this[int index]
    {
        get
        {
            if (!_cache.TryGetValue(index, out var r))
            {
                _cache[index] = r = file.Pages.At(index);
            }

            return r;
        }
    }

    public IEnumerator<PdfReference> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The /Sig dictionary with fixed-width ByteRange and Contents placeholders whose offsets are recorded as it is written.</summary>
internal sealed class SignatureDictionary(int reservedBytes) : PdfObject
{
    // "[0 " + three 10-digit numbers and spaces + "]" fits any file under 10 GB.
    public const int ByteRangeWidth = 33;

    public int ReservedBytes { get; set; } = reservedBytes;
    public string? SignerName { get; init; }
    public string? Reason { get; init; }
    public string? Location { get; init; }
    public DateTimeOffset Time { get; init; }
    public int ByteRangeOffset { get; private set; }
    public int ContentsOffset { get; private set; }

    public override void WriteTo(PdfWriter w)
    {
        w.Raw("<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 ");
        ByteRangeOffset = w.Length;
        w.Raw(new string(' ', ByteRangeWidth));
        w.Raw(" /Contents ");
        ContentsOffset = w.Length;
        w.Raw("<");
        w.Raw(new string('0', ReservedBytes * 2));
        w.Raw(">");
        w.Raw(" /M ");
        PdfString.FromText("D:" + Time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z").WriteTo(w);
        if (SignerName is not null)
        {
            w.Raw(" /Name ");
            PdfString.FromText(SignerName).WriteTo(w);
        }

        if (Reason is not null)
        {
            w.Raw(" /Reason ");
            PdfString.FromText(Reason).WriteTo(w);
        }

        if (Location is not null)
        {
            w.Raw(" /Location ");
            PdfString.FromText(Location).WriteTo(w);
        }

        w.Raw(">>");
    }
}
