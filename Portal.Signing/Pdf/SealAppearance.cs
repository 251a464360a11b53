using System.Globalization;
using System.Text;
using Portal.Signing.Pdf.Parsing;

namespace Portal.Signing.Pdf;

/// <summary>
/// A seal face ready to be placed in any PDF: a Form XObject (size in points) and the objects it needs
/// (fonts, images), numbered locally so each signature imports them with fresh object numbers.
/// Build one with <see cref="Seals.SealFaceRenderer"/> or <see cref="FromPdfPage"/>; instances are immutable and cacheable.
/// </summary>
public sealed class SealAppearance
{
    // Objects[0] is the form; references inside use local numbers 1..Count.
    private readonly IReadOnlyList<PdfObject> _objects;

    private SealAppearance(IReadOnlyList<PdfObject> objects, double width, double height)
    {
        _objects = objects;
        Width = width;
        Height = height;
    }

    /// <summary>Width in PDF points.</summary>
    public double Width { get; }

    /// <summary>Height in PDF points.</summary>
    public double Height { get; }

    /// <summary>Number of PDF objects a placement adds (form plus resources).</summary>
    public int ObjectCount => _objects.Count;

    /// <summary>A plain red ring face (no text): useful for tests and as a last-resort placeholder.</summary>
    public static SealAppearance Ring(double sizePt)
    {
        var r = sizePt / 2;
        var k = 0.5523 * (r - 2);
        var c = r;
        var rr = r - 2;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"q 0.85 0.1 0.1 RG 3 w {c + rr:0.###} {c:0.###} m ");
        sb.Append(CultureInfo.InvariantCulture, $"{c + rr:0.###} {c + k:0.###} {c + k:0.###} {c + rr:0.###} {c:0.###} {c + rr:0.###} c ");
        sb.Append(CultureInfo.InvariantCulture, $"{c - k:0.###} {c + rr:0.###} {c - rr:0.###} {c + k:0.###} {c - rr:0.###} {c:0.###} c ");
        sb.Append(CultureInfo.InvariantCulture, $"{c - rr:0.###} {c - k:0.###} {c - k:0.###} {c - rr:0.###} {c:0.###} {c - rr:0.###} c ");
        sb.Append(CultureInfo.InvariantCulture, $"{c + k:0.###} {c - rr:0.###} {c + rr:0.###} {c - k:0.###} {c + rr:0.###} {c:0.###} c S Q");
        var form = new PdfDictionary()
            .Set("Type", new PdfName("XObject"))
            .Set("Subtype", new PdfName("Form"))
            .Set("BBox", PdfArray.Of(0, 0, sizePt, sizePt))
            .Set("Resources", new PdfDictionary())
            .Set("Filter", new PdfName("FlateDecode"));
        return new SealAppearance([new PdfStream(form, PdfFilters.Deflate(Encoding.ASCII.GetBytes(sb.ToString())))], sizePt, sizePt);
    }

    /// <summary>A face from a self-contained content stream (no resources) in a box of the given size in points.</summary>
    public static SealAppearance FromContent(byte[] content, double widthPt, double heightPt)
    {
        var form = new PdfDictionary()
            .Set("Type", new PdfName("XObject"))
            .Set("Subtype", new PdfName("Form"))
            .Set("BBox", PdfArray.Of(0, 0, widthPt, heightPt))
            .Set("Resources", new PdfDictionary())
            .Set("Filter", new PdfName("FlateDecode"));
        return new SealAppearance([new PdfStream(form, PdfFilters.Deflate(content))], widthPt, heightPt);
    }

    /// <summary>
    /// Turns page 1 of a (small, e.g. PDFsharp-drawn) PDF into a face: its content becomes a Form XObject,
    /// everything it references is copied, and Flate streams are re-compressed so qpdf stays quiet.
    /// </summary>
    public static SealAppearance FromPdfPage(byte[] pdf)
    {
        var file = PdfFile.Open(pdf);
        var pageRef = file.Pages.Refs()[0];
        var page = file.ResolveDict(pageRef)!;
        var box = (PdfArray)(file.Pages.Inherited(page, "CropBox") ?? file.Pages.Inherited(page, "MediaBox"))!;
        var b = box.Items.Select(x => ((PdfNumber)file.Resolve(x)).Value).ToArray();

        var content = new List<byte>();
        var contents = file.Resolve(page["Contents"]);
        var streams = contents is PdfArray arr ? arr.Items.Select(file.Resolve).OfType<PdfStream>() : contents is PdfStream s1 ? [s1] : [];
        foreach (var s in streams)
        {
            content.AddRange(file.DecodeStream(s));
            content.Add((byte)'\n');
        }

        var objects = new List<PdfObject> { PdfNull.Instance };
        var map = new Dictionary<int, int>();
        PdfObject Copy(PdfObject o)
        {
            switch (o)
            {
                case PdfReference r:
                    if (!map.TryGetValue(r.Number, out var local))
                    {
                        local = objects.Count + 1;
                        map[r.Number] = local;
                        objects.Add(PdfNull.Instance);
                        objects[local - 1] = Copy(file.Resolve(r));
                    }

                    return new PdfReference(local, 0);
                case PdfStream st:
                    {
                        var d = new PdfDictionary();
                        foreach (var e in st.Entries.Where(e => e.Key != "Length"))
                        {
                            d[e.Key] = Copy(e.Value);
                        }

                        var raw = st.Raw;
                        if (d.NameOf("Filter") == "FlateDecode" && d["DecodeParms"] is null)
                        {
                            raw = PdfFilters.Deflate(PdfFilters.Inflate(st.Raw, file.Budget));
                        }

                        return new PdfStream(d, raw);
                    }

                case PdfDictionary dict:
                    {
                        var d = new PdfDictionary();
                        foreach (var e in dict.Entries)
                        {
                            d[e.Key] = Copy(e.Value);
                        }

                        return d;
                    }

                case PdfArray a:
                    return new PdfArray(a.Items.Select(Copy));
                default:
                    return o;
            }
        }

        var resources = file.Pages.Inherited(page, "Resources") is { } res ? Copy(res) : new PdfDictionary();
        var form = new PdfDictionary()
            .Set("Type", new PdfName("XObject"))
            .Set("Subtype", new PdfName("Form"))
            .Set("BBox", PdfArray.Of(b[0], b[1], b[2], b[3]))
            .Set("Resources", resources)
            .Set("Filter", new PdfName("FlateDecode"));
        objects[0] = new PdfStream(form, PdfFilters.Deflate(content.ToArray()));
        return new SealAppearance(objects, b[2] - b[0], b[3] - b[1]);
    }

    /// <summary>Copies the face into an update; returns the reference of its form.</summary>
    internal PdfReference ImportInto(IncrementalUpdate update)
    {
        var refs = _objects.Select(_ => update.Reserve()).ToArray();
        for (var i = 0; i < _objects.Count; i++)
        {
            update.Set(refs[i], Renumber(_objects[i], refs));
        }

        return refs[0];
    }

    private static PdfObject Renumber(PdfObject o, PdfReference[] refs) => o switch
    {
        PdfReference r => refs[r.Number - 1],
        PdfStream s => new PdfStream(RenumberDict(s, refs), s.Raw),
        PdfDictionary d => RenumberDict(d, refs),
        PdfArray a => new PdfArray(a.Items.Select(x => Renumber(x, refs))),
        _ => o,
    };

    private static PdfDictionary RenumberDict(PdfDictionary d, PdfReference[] refs)
    {
        var n = new PdfDictionary();
        foreach (var e in d.Entries)
        {
            n[e.Key] = Renumber(e.Value, refs);
        }

        return n;
    }
}
