using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portal.Signing.Pdf;
using SkiaSharp;

namespace Portal.Signing.Seals;

/// <summary>Draws seal faces from one layout: vector appearances for PDFs and PNG previews (SkiaSharp glyph outlines in both).</summary>
public static class SealFaceRenderer
{
    private const double PtPerMm = 72 / 25.4;

    /// <summary>
    /// The face as a PDF appearance: pure vector paths, glyphs included (outlined from the seal font with
    /// SkiaSharp), so no font is embedded — PDFsharp's subset of this CJK font still weighed ~73 KB per
    /// signature — and the PDF face matches the PNG preview glyph for glyph.
    /// </summary>
    public static SealAppearance RenderAppearance(SealFaceSpec spec)
    {
        var c = ParseColor(spec.Color);
        var sb = new StringBuilder();
        var wPt = spec.WidthMm * PtPerMm;
        var hPt = spec.HeightMm * PtPerMm;
        // Draw in the layout's millimetres, y down: one matrix maps them to points, y up.
        sb.Append(Inv($"q {F(PtPerMm)} 0 0 {F(-PtPerMm)} 0 {F(hPt)} cm "));
        sb.Append(Inv($"{F(c.Red / 255.0)} {F(c.Green / 255.0)} {F(c.Blue / 255.0)} RG {F(c.Red / 255.0)} {F(c.Green / 255.0)} {F(c.Blue / 255.0)} rg "));
        using var typeface = SKTypeface.FromFile(SealFonts.CollectionPath, 0)
            ?? throw new SigningException("seal.font_missing", $"The seal font {SealFonts.CollectionPath} is not installed (apt-get install fonts-wqy-microhei).");
        foreach (var prim in SealLayout.Build(spec))
        {
            switch (prim)
            {
                case EllipsePrimitive e:
                    {
                        var k = 0.5523;
                        double cx = e.Cx, cy = e.Cy, rx = e.Rx, ry = e.Ry;
                        sb.Append(Inv($"{F(e.StrokeMm)} w {F(cx + rx)} {F(cy)} m "));
                        sb.Append(Inv($"{F(cx + rx)} {F(cy + (k * ry))} {F(cx + (k * rx))} {F(cy + ry)} {F(cx)} {F(cy + ry)} c "));
                        sb.Append(Inv($"{F(cx - (k * rx))} {F(cy + ry)} {F(cx - rx)} {F(cy + (k * ry))} {F(cx - rx)} {F(cy)} c "));
                        sb.Append(Inv($"{F(cx - rx)} {F(cy - (k * ry))} {F(cx - (k * rx))} {F(cy - ry)} {F(cx)} {F(cy - ry)} c "));
                        sb.Append(Inv($"{F(cx + (k * rx))} {F(cy - ry)} {F(cx + rx)} {F(cy - (k * ry))} {F(cx + rx)} {F(cy)} c S "));
                        break;
                    }

                case RectPrimitive r:
                    sb.Append(Inv($"{F(r.StrokeMm)} w {F(r.X)} {F(r.Y)} {F(r.W)} {F(r.H)} re S "));
                    break;
                case LinePrimitive l:
                    sb.Append(Inv($"{F(l.StrokeMm)} w {F(l.X1)} {F(l.Y1)} m {F(l.X2)} {F(l.Y2)} l S "));
                    break;
                case PolygonPrimitive poly:
                    sb.Append(Inv($"{F(poly.Points[0].X)} {F(poly.Points[0].Y)} m "));
                    foreach (var pt in poly.Points.Skip(1))
                    {
                        sb.Append(Inv($"{F(pt.X)} {F(pt.Y)} l "));
                    }

                    sb.Append("h f ");
                    break;
                case GlyphPrimitive t:
                    AppendGlyph(sb, typeface, t);
                    break;
            }
        }

        sb.Append('Q');
        return SealAppearance.FromContent(Encoding.ASCII.GetBytes(sb.ToString()), wPt, hPt);
    }

    private static void AppendGlyph(StringBuilder sb, SKTypeface typeface, GlyphPrimitive t)
    {
        using var font = new SKFont(typeface, (float)t.SizeMm);
        font.GetFontMetrics(out var m);
        var baseline = (-m.Ascent - m.Descent) / 2;
        var width = font.MeasureText(t.Text);
        using var path = font.GetTextPath(t.Text, new SKPoint(-width / 2, baseline));
        var rad = t.AngleDeg * Math.PI / 180;
        var cos = Math.Cos(rad);
        var sin = Math.Sin(rad);
        // Same order as the PNG renderer: scale x, rotate (clockwise in y-down space), translate.
        (double X, double Y) Map(SKPoint p)
        {
            var x = p.X * t.ScaleX;
            var y = (double)p.Y;
            return (t.X + (x * cos) - (y * sin), t.Y + (x * sin) + (y * cos));
        }

        using var it = path.CreateRawIterator();
        var pts = new SKPoint[4];
        SKPathVerb verb;
        var any = false;
        while ((verb = it.Next(pts)) != SKPathVerb.Done)
        {
            switch (verb)
            {
                case SKPathVerb.Move:
                    {
                        var (x, y) = Map(pts[0]);
                        sb.Append(Inv($"{F(x)} {F(y)} m "));
                        any = true;
                        break;
                    }

                case SKPathVerb.Line:
                    {
                        var (x, y) = Map(pts[1]);
                        sb.Append(Inv($"{F(x)} {F(y)} l "));
                        break;
                    }

                case SKPathVerb.Quad:
                case SKPathVerb.Conic:
                    {
                        // Quadratic to cubic: control points at 2/3 towards the quad's control point.
                        var (x0, y0) = Map(pts[0]);
                        var (x1, y1) = Map(pts[1]);
                        var (x2, y2) = Map(pts[2]);
                        sb.Append(Inv($"{F(x0 + (2.0 / 3 * (x1 - x0)))} {F(y0 + (2.0 / 3 * (y1 - y0)))} {F(x2 + (2.0 / 3 * (x1 - x2)))} {F(y2 + (2.0 / 3 * (y1 - y2)))} {F(x2)} {F(y2)} c "));
                        break;
                    }

                case SKPathVerb.Cubic:
                    {
                        var (x1, y1) = Map(pts[1]);
                        var (x2, y2) = Map(pts[2]);
                        var (x3, y3) = Map(pts[3]);
                        sb.Append(Inv($"{F(x1)} {F(y1)} {F(x2)} {F(y2)} {F(x3)} {F(y3)} c "));
                        break;
                    }

                case SKPathVerb.Close:
                    sb.Append("h ");
                    break;
            }
        }

        if (any)
        {
            sb.Append("f ");
        }
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A PNG preview with a transparent background at the given resolution.</summary>
    public static byte[] RenderPng(SealFaceSpec spec, int dpi = 300)
    {
        var scale = (float)(dpi / 25.4);
        var wpx = (int)Math.Ceiling(spec.WidthMm * scale);
        var hpx = (int)Math.Ceiling(spec.HeightMm * scale);
        var color = ParseColor(spec.Color);
        using var surface = SKSurface.Create(new SKImageInfo(wpx, hpx, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        canvas.Scale(scale);
        using var stroke = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var fill = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        using var typeface = SKTypeface.FromFile(SealFonts.CollectionPath, 0) ?? SKTypeface.Default;
        foreach (var prim in SealLayout.Build(spec))
        {
            switch (prim)
            {
                case EllipsePrimitive e:
                    stroke.StrokeWidth = (float)e.StrokeMm;
                    canvas.DrawOval((float)e.Cx, (float)e.Cy, (float)e.Rx, (float)e.Ry, stroke);
                    break;
                case RectPrimitive r:
                    stroke.StrokeWidth = (float)r.StrokeMm;
                    canvas.DrawRect((float)r.X, (float)r.Y, (float)r.W, (float)r.H, stroke);
                    break;
                case LinePrimitive l:
                    stroke.StrokeWidth = (float)l.StrokeMm;
                    canvas.DrawLine((float)l.X1, (float)l.Y1, (float)l.X2, (float)l.Y2, stroke);
                    break;
                case PolygonPrimitive poly:
                    {
                        var pts = poly.Points.Select(pt => new SKPoint((float)pt.X, (float)pt.Y)).ToArray();
                        using var builder = new SKPathBuilder();
                        builder.MoveTo(pts[0]);
                        foreach (var pt in pts.Skip(1))
                        {
                            builder.LineTo(pt);
                        }

                        builder.Close();
                        using var path = builder.Detach();
                        canvas.DrawPath(path, fill);
                        break;
                    }

                case GlyphPrimitive t:
                    {
                        canvas.Save();
                        canvas.Translate((float)t.X, (float)t.Y);
                        canvas.RotateDegrees((float)t.AngleDeg);
                        canvas.Scale((float)t.ScaleX, 1);
                        using var font = new SKFont(typeface, (float)t.SizeMm);
                        // Centre the glyph box vertically on the point, as XStringFormats.Center does.
                        font.GetFontMetrics(out var m);
                        var baseline = (-m.Ascent - m.Descent) / 2;
                        canvas.DrawText(t.Text, 0, baseline, SKTextAlign.Center, font, fill);
                        canvas.Restore();
                        break;
                    }
            }
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static SKColor ParseColor(string hex) =>
        hex.Length == 7 && hex[0] == '#' && int.TryParse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)
            ? new SKColor((byte)(v >> 16), (byte)(v >> 8), (byte)v)
            : new SKColor(0xE6, 0x00, 0x12);
}

/// <summary>Faces drawn once per spec (the same seal is not redrawn per signature); thread-safe.</summary>
public sealed class SealFaceCache
{
    private readonly ConcurrentDictionary<SealFaceSpec, Lazy<SealAppearance>> _faces = new();
    private readonly ConcurrentDictionary<string, Lazy<SealAppearance>> _images = new();

    /// <summary>Number of distinct faces drawn so far.</summary>
    public int Count => _faces.Count + _images.Count;

    /// <summary>The appearance for a template seal.</summary>
    public SealAppearance Get(SealFaceSpec spec) =>
        _faces.GetOrAdd(spec, s => new Lazy<SealAppearance>(() => SealFaceRenderer.RenderAppearance(s))).Value;

    /// <summary>The appearance for a scanned seal or handwritten signature (PNG with transparency), keyed by the caller's id (e.g. seal id + version).</summary>
    public SealAppearance GetImage(string key, byte[] png, double widthMm) =>
        _images.GetOrAdd(key, _ => new Lazy<SealAppearance>(() => SealImages.FromPng(png, widthMm))).Value;
}

/// <summary>Places scanned seals and handwritten signatures (PNG with alpha) as images.</summary>
public static class SealImages
{
    /// <summary>A face showing the PNG at the given width (height follows the aspect ratio).</summary>
    public static SealAppearance FromPng(byte[] png, double widthMm)
    {
        SealFonts.EnsurePdfSharp();
        using var image = XImage.FromStream(new MemoryStream(png));
        var w = widthMm * 72 / 25.4;
        var h = w * image.PixelHeight / image.PixelWidth;
        using var doc = new PdfDocument();
        var page = doc.AddPage();
        page.Width = XUnit.FromPoint(w);
        page.Height = XUnit.FromPoint(h);
        using (var g = XGraphics.FromPdfPage(page))
        {
            g.DrawImage(image, 0, 0, w, h);
        }

        using var ms = new MemoryStream();
        doc.Save(ms);
        return SealAppearance.FromPdfPage(ms.ToArray());
    }
}
