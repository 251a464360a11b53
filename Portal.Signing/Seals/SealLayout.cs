namespace Portal.Signing.Seals;

/// <summary>A drawing primitive of a seal face in millimetres, origin top-left, y down, angles clockwise.</summary>
internal abstract record SealPrimitive;

internal sealed record EllipsePrimitive(double Cx, double Cy, double Rx, double Ry, double StrokeMm) : SealPrimitive;

internal sealed record RectPrimitive(double X, double Y, double W, double H, double StrokeMm) : SealPrimitive;

internal sealed record LinePrimitive(double X1, double Y1, double X2, double Y2, double StrokeMm) : SealPrimitive;

internal sealed record PolygonPrimitive(IReadOnlyList<(double X, double Y)> Points) : SealPrimitive;

/// <summary>One glyph centred at (X, Y), turned by AngleDeg, squeezed horizontally by ScaleX.</summary>
internal sealed record GlyphPrimitive(string Text, double X, double Y, double AngleDeg, double SizeMm, double ScaleX) : SealPrimitive;

/// <summary>
/// Lays a seal face out once as primitives so the PDF (PDFsharp) and PNG (SkiaSharp) renderers draw the
/// same geometry.
/// </summary>
internal static class SealLayout
{
    public static List<SealPrimitive> Build(SealFaceSpec spec)
    {
        var p = new List<SealPrimitive>();
        var w = spec.WidthMm;
        var h = spec.HeightMm;
        var cx = w / 2;
        var cy = h / 2;
        switch (spec.Shape)
        {
            case SealShape.Round:
            case SealShape.Oval:
                {
                    var border = Math.Max(0.8, w * 0.028);
                    p.Add(new EllipsePrimitive(cx, cy, cx - (border / 2), cy - (border / 2), border));
                    var fs = Math.Min(w, h) * 0.155;
                    if (spec.Star)
                    {
                        p.Add(Star(cx, cy, Math.Min(w, h) * 0.17));
                    }

                    if (!string.IsNullOrEmpty(spec.ArcText))
                    {
                        ArcText(p, spec.ArcText, cx, cy, cx - border - (w * 0.02) - (fs / 2), cy - border - (h * 0.02) - (fs / 2), fs, top: true, maxSpanDeg: 250);
                    }

                    if (!string.IsNullOrEmpty(spec.BottomCode))
                    {
                        var bfs = Math.Min(w, h) * 0.06;
                        ArcText(p, spec.BottomCode, cx, cy, cx - border - (w * 0.02) - (bfs / 2), cy - border - (h * 0.02) - (bfs / 2), bfs, top: false, maxSpanDeg: 90);
                    }

                    if (!string.IsNullOrEmpty(spec.CenterText))
                    {
                        var cfs = Math.Min(w, h) * (spec.Shape == SealShape.Oval ? 0.16 : 0.11);
                        var y = spec.Star ? cy + (h * 0.27) : cy + (spec.Shape == SealShape.Oval ? h * 0.12 : 0);
                        if (spec.HorizontalLine)
                        {
                            p.Add(new LinePrimitive(cx - (w * 0.22), y - (cfs * 0.8), cx + (w * 0.22), y - (cfs * 0.8), border * 0.5));
                        }

                        HorizontalText(p, spec.CenterText, cx, y, cfs, maxWidth: w * 0.55);
                    }

                    break;
                }

            case SealShape.Square:
                {
                    var border = Math.Max(0.8, w * 0.05);
                    p.Add(new RectPrimitive(border / 2, border / 2, w - border, h - border, border));
                    var inner = w - (2 * border) - (w * 0.08);
                    var text = (spec.ArcText ?? "") + (spec.CenterText ?? "");
                    if (spec.ArcText is null && text.Length == 4)
                    {
                        // 法定代表人章: read top-to-bottom, right column first (张三 / 之印).
                        var cell = inner / 2;
                        var x0 = (w - inner) / 2;
                        var y0 = (h - inner) / 2;
                        for (var i = 0; i < 4; i++)
                        {
                            var col = i < 2 ? 1 : 0;
                            var row = i % 2;
                            p.Add(new GlyphPrimitive(text[i].ToString(), x0 + (cell * col) + (cell / 2), y0 + (cell * row) + (cell / 2), 0, cell * 0.92, 1));
                        }
                    }
                    else
                    {
                        var lines = new List<string>();
                        if (!string.IsNullOrEmpty(spec.ArcText))
                        {
                            lines.AddRange(Wrap(spec.ArcText, 6));
                        }

                        if (!string.IsNullOrEmpty(spec.CenterText))
                        {
                            lines.Add(spec.CenterText);
                        }

                        var lh = inner / Math.Max(lines.Count, 2);
                        var top = ((h - (lh * lines.Count)) / 2) + (lh / 2);
                        for (var i = 0; i < lines.Count; i++)
                        {
                            HorizontalText(p, lines[i], cx, top + (i * lh), lh * 0.8, maxWidth: inner);
                        }
                    }

                    break;
                }

            case SealShape.Rectangle:
                {
                    var border = Math.Max(0.6, h * 0.08);
                    p.Add(new RectPrimitive(border / 2, border / 2, w - border, h - border, border));
                    HorizontalText(p, spec.CenterText ?? "", cx, cy, h * 0.62, maxWidth: w - (3 * border));
                    break;
                }
        }

        return p;
    }

    private static PolygonPrimitive Star(double cx, double cy, double r)
    {
        var pts = new List<(double, double)>();
        for (var i = 0; i < 10; i++)
        {
            var rr = i % 2 == 0 ? r : r * 0.382;
            var a = (-90 + (i * 36)) * Math.PI / 180;
            pts.Add((cx + (rr * Math.Cos(a)), cy + (rr * Math.Sin(a))));
        }

        return new PolygonPrimitive(pts);
    }

    private static void ArcText(List<SealPrimitive> p, string text, double cx, double cy, double rx, double ry, double fs, bool top, double maxSpanDeg)
    {
        var n = text.Length;
        var r = Math.Min(rx, ry);
        var perChar = fs * 1.05 / r * 180 / Math.PI;
        var span = Math.Min(maxSpanDeg, n * perChar);
        var step = span / n;
        var scaleX = Math.Min(1, step / perChar * 1.05);
        for (var i = 0; i < n; i++)
        {
            // θ: clockwise from 12 o'clock (top text) or counter-clockwise from 6 o'clock (bottom text, read left to right).
            var t = (-span / 2) + ((i + 0.5) * step);
            var rad = t * Math.PI / 180;
            double x, y, angle;
            if (top)
            {
                x = cx + (rx * Math.Sin(rad));
                y = cy - (ry * Math.Cos(rad));
                angle = Math.Atan2(Math.Sin(rad) / rx, Math.Cos(rad) / ry) * 180 / Math.PI;
            }
            else
            {
                x = cx + (rx * Math.Sin(rad));
                y = cy + (ry * Math.Cos(rad));
                angle = -Math.Atan2(Math.Sin(rad) / rx, Math.Cos(rad) / ry) * 180 / Math.PI;
            }

            p.Add(new GlyphPrimitive(text[i].ToString(), x, y, angle, fs, scaleX));
        }
    }

    private static void HorizontalText(List<SealPrimitive> p, string text, double cx, double cy, double fs, double maxWidth)
    {
        var n = text.Length;
        if (n == 0)
        {
            return;
        }

        var advance = fs * 0.95;
        var scaleX = Math.Min(1, maxWidth / (n * advance));
        var step = advance * scaleX;
        var x0 = cx - (step * n / 2) + (step / 2);
        for (var i = 0; i < n; i++)
        {
            p.Add(new GlyphPrimitive(text[i].ToString(), x0 + (i * step), cy, 0, fs, scaleX));
        }
    }

    private static IEnumerable<string> Wrap(string s, int per)
    {
        if (s.Length <= per)
        {
            yield return s;
            yield break;
        }

        var lines = (s.Length + per - 1) / per;
        var each = (s.Length + lines - 1) / lines;
        for (var i = 0; i < s.Length; i += each)
        {
            yield return s.Substring(i, Math.Min(each, s.Length - i));
        }
    }
}
