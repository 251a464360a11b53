using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Portal.Signing.Pdf.Parsing;
using SkiaSharp;

namespace Portal.Signing.Pdf.Verification;

/// <summary>A signature's seal as its appearance draws it: a PNG of at most <see cref="SealImageReader.MaxSide"/> pixels a side.</summary>
public sealed record SealImage(byte[] Data, string ContentType, int Width, int Height);

/// <summary>
/// Draws the seal of a signature's widget into a small PNG for the verification report. Our seals are Form XObjects
/// (vector paths for template seals, an image for scanned seals and handwriting) wrapped in the widget's appearance
/// (scale, slice, page rotation): the wrappers are peeled off and the face is drawn whole and upright. A bounded
/// interpreter draws paths, colours, clips, nested forms and images (8-bit Gray/RGB/CMYK/Indexed, Flate or none, with a
/// soft mask; JPEG); text is not drawn, so an appearance that is only text (as other tools write) has no image.
/// The appearance is hostile input: every cost is capped and anything odd means "no image", never an exception.
/// A face is drawn once per content, across documents: the key is a digest of every stream and dictionary it draws
/// (the same seal on twenty signatures, or in every document a tenant signs, is one drawing; a look-alike is another key).
/// </summary>
internal sealed class SealImageReader
{
    /// <summary>Longest side of the PNG in pixels (a seal of 40 mm at about 120 dpi).</summary>
    public const int MaxSide = 192;

    /// <summary>Largest PNG kept; a bigger one (a photo-like face) is dropped rather than bloat the report.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Operators drawn for one document, all its signatures together (our 42 mm seal has about 900).</summary>
    private const int MaxOperators = 200_000;
    private const long MaxImagePixels = 4_000_000;
    private const long MaxTotalImagePixels = 8_000_000;
    private const int MaxFormDepth = 6;
    private const int MaxStateDepth = 64;
    private const int MaxHashedObjects = 5_000;
    private const long MaxImageDecodedBytes = 32L * 1024 * 1024;

    /// <summary>Drawings shared by all verifications, keyed by a digest of everything the face draws (the platform's seals recur).</summary>
    private static readonly ConcurrentDictionary<string, SealImage> Drawn = new();
    private const int MaxDrawn = 512;

    private readonly PdfFile _file;
    private readonly PdfBudget _budget;
    private readonly HashSet<string> _failed = [];
    private long _imagePixels;
    private int _operators;

    public SealImageReader(PdfFile file, PdfParseLimits limits)
    {
        _file = file;
        // Images get their own, smaller decode budget: a hostile face costs at most this, whatever else the file holds.
        _budget = new PdfBudget(limits.WithTotalDecoded(Math.Min(limits.MaxTotalDecodedBytes, MaxImageDecodedBytes)));
    }

    /// <summary>The seal a signature field's (first visible) widget shows; null when none can be drawn.</summary>
    public SealImage? Read(PdfDictionary field)
    {
        try
        {
            foreach (var widget in Widgets(field))
            {
                if (Face(widget) is not { } face)
                {
                    continue;
                }

                var key = ContentKey(face);
                if (key is null)
                {
                    return null;
                }

                if (Drawn.TryGetValue(key, out var image) || _failed.Contains(key))
                {
                    return image;
                }

                image = Render(face);
                if (image is null)
                {
                    // Not kept across documents: whether it fails may depend on this verification's limits.
                    _failed.Add(key);
                    return null;
                }

                if (Drawn.Count >= MaxDrawn)
                {
                    // At most MaxDrawn × MaxBytes (32 MB) kept; starting over is simpler than an LRU, and rare.
                    Drawn.Clear();
                }

                Drawn[key] = image;
                return image;
            }

            return null;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            // Whatever the appearance does (a bad number, a filter we refuse, a limit), the report just has no image.
            return null;
        }
    }

    private IEnumerable<PdfDictionary> Widgets(PdfDictionary field)
    {
        if (field["AP"] is not null)
        {
            yield return field;
        }

        if (_file.Resolve(field["Kids"]) is PdfArray kids)
        {
            foreach (var k in kids.Items.Take(16))
            {
                if (_file.ResolveDict(k) is { } w && w["AP"] is not null)
                {
                    yield return w;
                }
            }
        }
    }

    /// <summary>The face inside a visible widget's normal appearance, wrappers peeled; null for a hidden or empty widget.</summary>
    private PdfStream? Face(PdfDictionary widget)
    {
        // Hidden (flag 2) or without area: an invisible signature.
        if (_file.Resolve(widget["F"]) is PdfNumber flags && (flags.IntValue & 2) != 0)
        {
            return null;
        }

        if (Numbers(widget["Rect"], 4) is not { } r || Math.Abs(r[2] - r[0]) < 1 || Math.Abs(r[3] - r[1]) < 1)
        {
            return null;
        }

        if (_file.ResolveDict(widget["AP"]) is not { } ap || _file.Resolve(ap["N"]) is not PdfStream form)
        {
            return null;
        }

        // Our appearance is "q a 0 0 d e 0 cm /Seal Do Q" around the face (a slice of it for a paging seal, turned for a
        // rotated page): while a form only places one other form, show that one.
        for (var depth = 0; depth < 4; depth++)
        {
            if (form.Raw.Length > 4096 || SoleForm(form) is not { } inner)
            {
                break;
            }

            form = inner;
        }

        return form;
    }

    /// <summary>The one Form XObject a small form only positions (q, Q, cm, one Do); null when it draws anything else.</summary>
    private PdfStream? SoleForm(PdfStream form)
    {
        var lexer = new ContentLexer(PdfFilters.Decode(form, _file.Resolve, _budget));
        string? name = null;
        var placed = 0;
        while (lexer.Next() is { } token)
        {
            switch (token.Kind)
            {
                case TokenKind.Number:
                    break;
                case TokenKind.Name when name is null:
                    name = token.Text;
                    break;
                case TokenKind.Operator when token.Text is "q" or "Q" or "cm":
                    break;
                case TokenKind.Operator when token.Text == "Do" && name is not null && placed++ == 0:
                    break;
                default:
                    return null;
            }
        }

        return name is not null && placed == 1 && XObject(form, name) is { } x && x.NameOf("Subtype") == "Form" ? x : null;
    }

    private PdfStream? XObject(PdfStream form, string name) =>
        _file.ResolveDict(_file.ResolveDict(form["Resources"])?["XObject"])?[name] is { } o ? _file.Resolve(o) as PdfStream : null;

    /// <summary>A digest of everything the face draws (its streams and dictionaries, references followed); null when too big.</summary>
    private string? ContentKey(PdfStream face)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var seen = new Dictionary<int, int>();
        var count = 0;
        bool Add(PdfObject? o, int depth)
        {
            if (++count > MaxHashedObjects || depth > 32)
            {
                return false;
            }

            switch (o)
            {
                case PdfReference r:
                    if (seen.TryGetValue(r.Number, out var index))
                    {
                        hash.AppendData(Encoding.ASCII.GetBytes("#" + index.ToString(CultureInfo.InvariantCulture)));
                        return true;
                    }

                    seen[r.Number] = seen.Count;
                    return Add(_file.Resolve(r), depth + 1);
                case PdfStream s:
                    hash.AppendData(Encoding.ASCII.GetBytes("S" + s.Raw.Length.ToString(CultureInfo.InvariantCulture) + ":"));
                    hash.AppendData(s.Raw.Span);
                    return AddEntries(s, depth);
                case PdfDictionary d:
                    hash.AppendData("<<"u8);
                    return AddEntries(d, depth);
                case PdfArray a:
                    hash.AppendData("["u8);
                    foreach (var item in a.Items)
                    {
                        if (!Add(item, depth + 1))
                        {
                            return false;
                        }
                    }

                    hash.AppendData("]"u8);
                    return true;
                case PdfString str:
                    hash.AppendData(Encoding.ASCII.GetBytes("(" + str.Value.Length.ToString(CultureInfo.InvariantCulture) + ")"));
                    hash.AppendData(str.Value);
                    return true;
                default:
                    hash.AppendData(Encoding.UTF8.GetBytes((o?.GetType().Name ?? "null") + ":" + o + ";"));
                    return true;
            }
        }

        bool AddEntries(PdfDictionary d, int depth)
        {
            foreach (var e in d.Entries.Where(e => e.Key is not ("Length" or "Parent" or "P")).OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes("/" + e.Key + " "));
                if (!Add(e.Value, depth + 1))
                {
                    return false;
                }
            }

            hash.AppendData(">>"u8);
            return true;
        }

        return Add(face, 0) ? Convert.ToHexString(hash.GetHashAndReset()) : null;
    }

    private SealImage? Render(PdfStream face)
    {
        if (Numbers(face["BBox"], 4) is not { } b)
        {
            return null;
        }

        var box = SKRect.Create((float)Math.Min(b[0], b[2]), (float)Math.Min(b[1], b[3]), (float)Math.Abs(b[2] - b[0]), (float)Math.Abs(b[3] - b[1]));
        var bounds = MatrixOf(face).MapRect(box);
        if (!(bounds.Width >= 1 && bounds.Height >= 1 && bounds.Width < 20_000 && bounds.Height < 20_000))
        {
            return null;
        }

        var scale = MaxSide / Math.Max(bounds.Width, bounds.Height);
        var width = Math.Max(1, (int)Math.Round(bounds.Width * scale));
        var height = Math.Max(1, (int)Math.Round(bounds.Height * scale));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (surface is null)
        {
            return null;
        }

        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        // PDF space (y up) to pixels (y down), the face's bounds filling the picture.
        canvas.SetMatrix(new SKMatrix(scale, 0, -scale * bounds.Left, 0, -scale, scale * bounds.Bottom, 0, 0, 1));
        var painter = new Painter(this, canvas);
        painter.DrawForm(face, 0);
        if (!painter.Painted)
        {
            return null;
        }

        // Sub filter, zlib level 3: a quarter of the default's time for 5 % more bytes (17.1 vs 18.7 KB for a 42 mm seal).
        using var pixmap = surface.PeekPixels();
        using var png = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 3));
        return png is null || png.Size > MaxBytes ? null : new SealImage(png.ToArray(), "image/png", width, height);
    }

    private static SKMatrix MatrixOf(PdfDictionary form, PdfFile file) =>
        Numbers(file, form["Matrix"], 6) is { } m ? Matrix(m[0], m[1], m[2], m[3], m[4], m[5]) : SKMatrix.Identity;

    private SKMatrix MatrixOf(PdfDictionary form) => MatrixOf(form, _file);

    /// <summary>The PDF matrix [a b c d e f] (x' = a x + c y + e, y' = b x + d y + f) as Skia's.</summary>
    private static SKMatrix Matrix(double a, double b, double c, double d, double e, double f) =>
        new((float)a, (float)c, (float)e, (float)b, (float)d, (float)f, 0, 0, 1);

    private double[]? Numbers(PdfObject? o, int count) => Numbers(_file, o, count);

    private static double[]? Numbers(PdfFile file, PdfObject? o, int count)
    {
        if (file.Resolve(o) is not PdfArray a || a.Count != count)
        {
            return null;
        }

        var result = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (file.Resolve(a.Items[i]) is not PdfNumber n || !double.IsFinite(n.Value) || Math.Abs(n.Value) > 1e7)
            {
                return null;
            }

            result[i] = n.Value;
        }

        return result;
    }

    /// <summary>Decodes an image XObject to premultiplied-free RGBA; null for anything outside what a seal needs.</summary>
    private SKImage? DecodeImage(PdfStream image)
    {
        if (_file.Resolve(image["Width"]) is not PdfNumber wn || _file.Resolve(image["Height"]) is not PdfNumber hn)
        {
            return null;
        }

        long w = wn.IntValue, h = hn.IntValue;
        if (w < 1 || h < 1 || w > 8192 || h > 8192 || w * h > MaxImagePixels || (_imagePixels += w * h) > MaxTotalImagePixels)
        {
            return null;
        }

        if (_file.Resolve(image["ImageMask"]) is PdfBool { Value: true })
        {
            return null;
        }

        var filter = _file.Resolve(image["Filter"]);
        var filterName = filter is PdfName fn ? fn.Value : filter is PdfArray { Count: 1 } fa && _file.Resolve(fa.Items[0]) is PdfName fan ? fan.Value : null;
        if (filterName is "DCTDecode" or "DCT")
        {
            if (image.Raw.Length > MaxImageDecodedBytes)
            {
                return null;
            }

            using var data = SKData.CreateCopy(image.Raw.Span);
            using var codec = SKCodec.Create(data);
            return codec is not null && codec.Info.Width == w && codec.Info.Height == h ? SKImage.FromEncodedData(data) : null;
        }

        if (filter is not PdfNull && filterName is not ("FlateDecode" or "Fl"))
        {
            return null;
        }

        if (_file.Resolve(image["BitsPerComponent"]) is not PdfNumber { IntValue: 8 })
        {
            return null;
        }

        var (components, palette) = ColorSpace(_file.Resolve(image["ColorSpace"]));
        if (components == 0)
        {
            return null;
        }

        var pixels = PdfFilters.Decode(image, _file.Resolve, _budget);
        if (pixels.LongLength < w * h * components)
        {
            return null;
        }

        byte[]? alpha = null;
        if (_file.Resolve(image["SMask"]) is PdfStream mask)
        {
            if (_file.Resolve(mask["Width"]) is not PdfNumber { } mw || _file.Resolve(mask["Height"]) is not PdfNumber { } mh || mw.IntValue != w || mh.IntValue != h
                || _file.Resolve(mask["BitsPerComponent"]) is not PdfNumber { IntValue: 8 } || (mask["Filter"] is { } mf && _file.Resolve(mf) is not PdfName { Value: "FlateDecode" }))
            {
                return null;
            }

            alpha = PdfFilters.Decode(mask, _file.Resolve, _budget);
            if (alpha.LongLength < w * h)
            {
                return null;
            }
        }

        var rgba = new byte[w * h * 4];
        for (long i = 0, n = w * h; i < n; i++)
        {
            var o = i * 4;
            switch (components)
            {
                case 1 when palette is not null:
                    {
                        var p = pixels[i] * 3;
                        if (p + 2 >= palette.Length)
                        {
                            return null;
                        }

                        (rgba[o], rgba[o + 1], rgba[o + 2]) = (palette[p], palette[p + 1], palette[p + 2]);
                        break;
                    }

                case 1:
                    rgba[o] = rgba[o + 1] = rgba[o + 2] = pixels[i];
                    break;
                case 3:
                    (rgba[o], rgba[o + 1], rgba[o + 2]) = (pixels[i * 3], pixels[(i * 3) + 1], pixels[(i * 3) + 2]);
                    break;
                default:
                    {
                        var (r, g, bl) = Cmyk(pixels[i * 4] / 255.0, pixels[(i * 4) + 1] / 255.0, pixels[(i * 4) + 2] / 255.0, pixels[(i * 4) + 3] / 255.0);
                        (rgba[o], rgba[o + 1], rgba[o + 2]) = (r, g, bl);
                        break;
                    }
            }

            rgba[o + 3] = alpha is null ? (byte)255 : alpha[i];
        }

        return SKImage.FromPixelCopy(new SKImageInfo((int)w, (int)h, SKColorType.Rgba8888, SKAlphaType.Unpremul), rgba);
    }

    /// <summary>Components per pixel of an image colour space and, for Indexed over RGB, its palette; 0 when not supported.</summary>
    private (int Components, byte[]? Palette) ColorSpace(PdfObject? cs)
    {
        switch (cs)
        {
            case PdfName n:
                return (n.Value switch { "DeviceGray" or "G" => 1, "DeviceRGB" or "RGB" => 3, "DeviceCMYK" or "CMYK" => 4, _ => 0 }, null);
            case PdfArray { Count: 2 } a when _file.Resolve(a.Items[0]) is PdfName { Value: "ICCBased" } && _file.Resolve(a.Items[1]) is PdfStream icc:
                return (_file.Resolve(icc["N"]) is PdfNumber { IntValue: 1 or 3 or 4 } nn ? nn.IntValue : 0, null);
            case PdfArray { Count: 4 } a when _file.Resolve(a.Items[0]) is PdfName { Value: "Indexed" or "I" }:
                {
                    if (ColorSpace(_file.Resolve(a.Items[1])) is not (3, null))
                    {
                        return (0, null);
                    }

                    var lookup = _file.Resolve(a.Items[3]) switch
                    {
                        PdfString s => s.Value,
                        PdfStream st when st.Raw.Length <= 4096 => PdfFilters.Decode(st, _file.Resolve, _budget),
                        _ => null,
                    };
                    return lookup is null ? (0, null) : (1, lookup);
                }

            default:
                return (0, null);
        }
    }

    private static (byte R, byte G, byte B) Cmyk(double c, double m, double y, double k) =>
        ((byte)Math.Round(255 * (1 - Math.Min(1, c + k))), (byte)Math.Round(255 * (1 - Math.Min(1, m + k))), (byte)Math.Round(255 * (1 - Math.Min(1, y + k))));

    private static SKColor Color(List<double> operands)
    {
        static byte B(double v) => (byte)Math.Round(255 * Math.Clamp(double.IsFinite(v) ? v : 0, 0, 1));
        return operands.Count switch
        {
            1 => new SKColor(B(operands[0]), B(operands[0]), B(operands[0])),
            3 => new SKColor(B(operands[0]), B(operands[1]), B(operands[2])),
            4 => Cmyk(Math.Clamp(operands[0], 0, 1), Math.Clamp(operands[1], 0, 1), Math.Clamp(operands[2], 0, 1), Math.Clamp(operands[3], 0, 1)) is var (r, g, b) ? new SKColor(r, g, b) : SKColors.Black,
            _ => SKColors.Black,
        };
    }

    /// <summary>One drawing: graphics state, current path and the operator budget.</summary>
    private sealed class Painter(SealImageReader reader, SKCanvas canvas)
    {
        private readonly Stack<(SKColor Fill, SKColor Stroke, float Width)> _states = new();
        private SKColor _fill = SKColors.Black;
        private SKColor _stroke = SKColors.Black;
        private float _lineWidth = 1;

        public bool Painted { get; private set; }

        public void DrawForm(PdfStream form, int depth)
        {
            if (depth > MaxFormDepth)
            {
                return;
            }

            var file = reader._file;
            canvas.Save();
            try
            {
                canvas.Concat(MatrixOf(form, file));
                if (Numbers(file, form["BBox"], 4) is { } b)
                {
                    canvas.ClipRect(new SKRect((float)Math.Min(b[0], b[2]), (float)Math.Min(b[1], b[3]), (float)Math.Max(b[0], b[2]), (float)Math.Max(b[1], b[3])));
                }

                Run(form, PdfFilters.Decode(form, file.Resolve, reader._budget), depth);
            }
            finally
            {
                canvas.Restore();
            }
        }

        private void Run(PdfStream form, byte[] content, int depth)
        {
            var lexer = new ContentLexer(content);
            var operands = new List<double>();
            string? name = null;
            using var path = new SKPathBuilder();
            var hasPath = false;
            SKPathFillType? clip = null;
            var saves = 0;
            var cx = 0f;
            var cy = 0f;
            while (lexer.Next() is { } token)
            {
                switch (token.Kind)
                {
                    case TokenKind.Number:
                        if (operands.Count < 16)
                        {
                            operands.Add(token.Number);
                        }

                        continue;
                    case TokenKind.Name:
                        name = token.Text;
                        continue;
                    case TokenKind.Other:
                        continue;
                }

                // One operator budget for the whole document (twenty hostile faces cost what one may), and its clock.
                if (++reader._operators > MaxOperators)
                {
                    throw new PdfLimitException("the appearances have too many operators");
                }

                if ((reader._operators & 1023) == 0)
                {
                    reader._budget.CheckTime();
                }

                float F(int i) => (float)operands[i];
                bool Has(int n) => operands.Count >= n && operands.Take(n).All(v => double.IsFinite(v) && Math.Abs(v) < 1e7);
                switch (token.Text)
                {
                    case "q" when saves < MaxStateDepth:
                        canvas.Save();
                        _states.Push((_fill, _stroke, _lineWidth));
                        saves++;
                        break;
                    case "Q" when saves > 0:
                        canvas.Restore();
                        (_fill, _stroke, _lineWidth) = _states.Pop();
                        saves--;
                        break;
                    case "cm" when Has(6):
                        canvas.Concat(Matrix(operands[0], operands[1], operands[2], operands[3], operands[4], operands[5]));
                        break;
                    case "w" when Has(1):
                        _lineWidth = Math.Max(0, F(0));
                        break;
                    case "g" or "rg" or "k" or "sc" or "scn" when operands.Count is 1 or 3 or 4:
                        _fill = Color(operands);
                        break;
                    case "G" or "RG" or "K" or "SC" or "SCN" when operands.Count is 1 or 3 or 4:
                        _stroke = Color(operands);
                        break;
                    case "m" when Has(2):
                        path.MoveTo(cx = F(0), cy = F(1));
                        hasPath = true;
                        break;
                    case "l" when Has(2) && hasPath:
                        path.LineTo(cx = F(0), cy = F(1));
                        break;
                    case "c" when Has(6) && hasPath:
                        path.CubicTo(F(0), F(1), F(2), F(3), cx = F(4), cy = F(5));
                        break;
                    case "v" when Has(4) && hasPath:
                        path.CubicTo(cx, cy, F(0), F(1), cx = F(2), cy = F(3));
                        break;
                    case "y" when Has(4) && hasPath:
                        path.CubicTo(F(0), F(1), F(2), F(3), cx = F(2), cy = F(3));
                        break;
                    case "h" when hasPath:
                        path.Close();
                        break;
                    case "re" when Has(4):
                        path.AddRect(SKRect.Create(F(0), F(1), F(2), F(3)).Standardized, SKPathDirection.Clockwise);
                        (cx, cy) = (F(0), F(1));
                        hasPath = true;
                        break;
                    case "W":
                        clip = SKPathFillType.Winding;
                        break;
                    case "W*":
                        clip = SKPathFillType.EvenOdd;
                        break;
                    case "f" or "F" or "f*" or "S" or "s" or "B" or "B*" or "b" or "b*" or "n":
                        {
                            var op = token.Text;
                            if (op is "s" or "b" or "b*")
                            {
                                path.Close();
                            }

                            path.FillType = op.EndsWith('*') ? SKPathFillType.EvenOdd : SKPathFillType.Winding;
                            using var shape = path.Detach();
                            // A lone "m" paints nothing: only a path with a segment counts as drawing.
                            hasPath &= shape.PointCount > 1;
                            if (hasPath && op is "f" or "F" or "f*" or "B" or "B*" or "b" or "b*")
                            {
                                using var paint = new SKPaint { Color = _fill, IsAntialias = true, Style = SKPaintStyle.Fill };
                                canvas.DrawPath(shape, paint);
                                Painted = true;
                            }

                            if (hasPath && op is "S" or "s" or "B" or "B*" or "b" or "b*")
                            {
                                using var paint = new SKPaint { Color = _stroke, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = _lineWidth };
                                canvas.DrawPath(shape, paint);
                                Painted = true;
                            }

                            if (clip is { } rule && hasPath)
                            {
                                using var clipBuilder = new SKPathBuilder(shape) { FillType = rule };
                                using var clipPath = clipBuilder.Detach();
                                canvas.ClipPath(clipPath, SKClipOperation.Intersect, true);
                            }

                            clip = null;
                            hasPath = false;
                            break;
                        }

                    case "Do" when name is not null:
                        Do(form, name, depth);
                        break;
                }

                operands.Clear();
                name = null;
            }

            for (; saves > 0; saves--)
            {
                canvas.Restore();
                (_fill, _stroke, _lineWidth) = _states.Pop();
            }
        }

        private void Do(PdfStream form, string name, int depth)
        {
            if (reader.XObject(form, name) is not { } x)
            {
                return;
            }

            if (x.NameOf("Subtype") == "Form")
            {
                DrawForm(x, depth + 1);
                return;
            }

            if (x.NameOf("Subtype") != "Image" || reader.DecodeImage(x) is not { } image)
            {
                return;
            }

            using (image)
            {
                // An image fills the unit square, its first row at the top.
                canvas.Save();
                canvas.Concat(new SKMatrix(1, 0, 0, 0, -1, 1, 0, 0, 1));
                canvas.DrawImage(image, new SKRect(0, 0, 1, 1), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
                canvas.Restore();
                Painted = true;
            }
        }
    }

    private enum TokenKind
    {
        Number,
        Name,
        Operator,
        Other,
    }

    private readonly record struct Token(TokenKind Kind, string Text, double Number);

    /// <summary>Content-stream tokens: numbers, names and operators; strings, arrays, dictionaries and inline images are skipped.</summary>
    private sealed class ContentLexer(byte[] data)
    {
        private int _pos;

        public Token? Next()
        {
            while (true)
            {
                while (_pos < data.Length && PdfLexer.IsWhite(data[_pos]))
                {
                    _pos++;
                }

                if (_pos >= data.Length)
                {
                    return null;
                }

                var b = data[_pos];
                switch (b)
                {
                    case (byte)'%':
                        while (_pos < data.Length && data[_pos] is not ((byte)'\n' or (byte)'\r'))
                        {
                            _pos++;
                        }

                        continue;
                    case (byte)'/':
                        {
                            var start = ++_pos;
                            while (_pos < data.Length && !PdfLexer.IsWhite(data[_pos]) && !PdfLexer.IsDelimiter(data[_pos]))
                            {
                                _pos++;
                            }

                            return new Token(TokenKind.Name, Encoding.Latin1.GetString(data, start, Math.Min(_pos - start, 127)), 0);
                        }

                    case (byte)'(':
                        SkipString();
                        return new Token(TokenKind.Other, "", 0);
                    case (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)')':
                        _pos++;
                        if (b is (byte)'<' or (byte)'>' && _pos < data.Length && data[_pos] == b)
                        {
                            // "<<" or ">>": a dictionary's bracket.
                            _pos++;
                        }
                        else if (b == '<')
                        {
                            // A hex string.
                            while (_pos < data.Length && data[_pos] != '>')
                            {
                                _pos++;
                            }

                            _pos++;
                        }

                        return new Token(TokenKind.Other, "", 0);
                }

                var begin = _pos;
                while (_pos < data.Length && !PdfLexer.IsWhite(data[_pos]) && !PdfLexer.IsDelimiter(data[_pos]))
                {
                    _pos++;
                }

                if (_pos == begin)
                {
                    _pos++;
                    continue;
                }

                var text = Encoding.Latin1.GetString(data, begin, Math.Min(_pos - begin, 64));
                if (b is (byte)'+' or (byte)'-' or (byte)'.' or (>= (byte)'0' and <= (byte)'9'))
                {
                    return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                        ? new Token(TokenKind.Number, "", v)
                        : new Token(TokenKind.Other, "", 0);
                }

                if (text == "ID")
                {
                    // Inline image data runs to whitespace, "EI", whitespace.
                    var end = data.AsSpan(_pos).IndexOf("EI"u8);
                    while (end >= 0 && !(PdfLexer.IsWhite(data[_pos + end - 1]) && (_pos + end + 2 >= data.Length || PdfLexer.IsWhite(data[_pos + end + 2]))))
                    {
                        var next = data.AsSpan(_pos + end + 2).IndexOf("EI"u8);
                        end = next < 0 ? -1 : end + 2 + next;
                    }

                    _pos = end < 0 ? data.Length : _pos + end + 2;
                    return new Token(TokenKind.Other, "", 0);
                }

                return new Token(TokenKind.Operator, text, 0);
            }
        }

        private void SkipString()
        {
            var depth = 0;
            for (; _pos < data.Length; _pos++)
            {
                switch (data[_pos])
                {
                    case (byte)'\\':
                        _pos++;
                        break;
                    case (byte)'(':
                        depth++;
                        break;
                    case (byte)')' when --depth == 0:
                        _pos++;
                        return;
                }
            }
        }
    }
}
