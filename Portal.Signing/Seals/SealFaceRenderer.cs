using System.Collections.Concurrent;
using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portal.Signing.Pdf;
using SkiaSharp;

namespace Portal.Signing.Seals;

/// <summary>Draws seal faces: vector for PDFs (PDFsharp XGraphics) and PNG previews (SkiaSharp).</summary>
public static class SealFaceRenderer
{
    private const double PtPerMm = 72 / 25.4;

    /// <summary>The face as a PDF appearance (vector, CJK subset-embedded), sized in points from the spec's millimetres.</summary>
    public static SealAppearance RenderAppearance(SealFaceSpec spec) => SealAppearance.FromPdfPage(RenderPdf(spec));

    /// <summary>A one-page PDF exactly the size of the face.</summary>
    public static byte[] RenderPdf(SealFaceSpec spec)
    {
        SealFonts.EnsurePdfSharp();
        using var doc = new PdfDocument();
        var page = doc.AddPage();
        page.Width = XUnit.FromPoint(spec.WidthMm * PtPerMm);
        page.Height = XUnit.FromPoint(spec.HeightMm * PtPerMm);
        var color = ParseColor(spec.Color);
        var xc = XColor.FromArgb(color.Red, color.Green, color.Blue);
        var brush = new XSolidBrush(xc);
        using (var g = XGraphics.FromPdfPage(page))
        {
            g.ScaleTransform(PtPerMm);
            foreach (var prim in SealLayout.Build(spec))
            {
                switch (prim)
                {
                    case EllipsePrimitive e:
                        g.DrawEllipse(new XPen(xc, e.StrokeMm), e.Cx - e.Rx, e.Cy - e.Ry, 2 * e.Rx, 2 * e.Ry);
                        break;
                    case RectPrimitive r:
                        g.DrawRectangle(new XPen(xc, r.StrokeMm), r.X, r.Y, r.W, r.H);
                        break;
                    case LinePrimitive l:
                        g.DrawLine(new XPen(xc, l.StrokeMm), l.X1, l.Y1, l.X2, l.Y2);
                        break;
                    case PolygonPrimitive poly:
                        g.DrawPolygon(brush, poly.Points.Select(pt => new XPoint(pt.X, pt.Y)).ToArray(), XFillMode.Winding);
                        break;
                    case GlyphPrimitive t:
                    {
                        var state = g.Save();
                        g.TranslateTransform(t.X, t.Y);
                        g.RotateTransform(t.AngleDeg);
                        g.ScaleTransform(t.ScaleX, 1);
                        var font = new XFont(SealFonts.FamilyName, t.SizeMm);
                        g.DrawString(t.Text, font, brush, new XRect(-t.SizeMm, -t.SizeMm / 2, 2 * t.SizeMm, t.SizeMm), XStringFormats.Center);
                        g.Restore(state);
                        break;
                    }
                }
            }
        }

        using var ms = new MemoryStream();
        doc.Save(ms);
        return ms.ToArray();
    }

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
