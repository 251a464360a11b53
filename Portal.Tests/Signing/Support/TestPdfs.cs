using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portal.Signing.Seals;

namespace Portal.Tests.Signing.Support;

/// <summary>Test documents drawn with PDFsharp (CJK text through the seal font), cached per shape.</summary>
public static class TestPdfs
{
    private static readonly Dictionary<string, byte[]> Cache = [];

    /// <summary>A document of <paramref name="pages"/> A4 pages; "甲方（盖章）" at (300, 700) on <paramref name="keywordOnPages"/> ("all" or "2,3").</summary>
    public static byte[] Make(int pages, int rotate = 0, string? keywordOnPages = null, bool cropBox = false)
    {
        var key = $"{pages}/{rotate}/{keywordOnPages}/{cropBox}";
        lock (Cache)
        {
            if (Cache.TryGetValue(key, out var cached))
            {
                return cached;
            }

            SealFonts.EnsurePdfSharp();
            using var doc = new PdfDocument();
            var font = new XFont("WenQuanYi Micro Hei", 12);
            for (var i = 1; i <= pages; i++)
            {
                var page = doc.AddPage();
                page.Width = XUnit.FromPoint(595);
                page.Height = XUnit.FromPoint(842);
                using (var g = XGraphics.FromPdfPage(page))
                {
                    g.DrawString($"合同 第 {i} 页 / Contract page {i}", font, XBrushes.Black, new XPoint(72, 100));
                    g.DrawString("甲方：测试单位有限公司  乙方：示例科技有限公司", font, XBrushes.Black, new XPoint(72, 130));
                    // "all", or the pages (1-based, comma-separated) that carry the keyword.
                    if (keywordOnPages == "all" || (keywordOnPages?.Split(',').Contains(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? false))
                    {
                        g.DrawString("甲方（盖章）", font, XBrushes.Black, new XPoint(300, 700));
                    }
                }

                if (rotate != 0)
                {
                    page.Rotate = rotate;
                }

                if (cropBox)
                {
                    page.CropBox = new PdfRectangle(new XPoint(20, 30), new XPoint(575, 812));
                }
            }

            using var ms = new MemoryStream();
            doc.Save(ms);
            Cache[key] = ms.ToArray();
            return Cache[key];
        }
    }
}

/// <summary>Hand-written PDFs for shapes PDFsharp will not make (zero pages, broken xref).</summary>
public static class RawPdfs
{
    /// <summary>Builds a classic-xref PDF from object bodies (object i+1 = bodies[i]); object 1 must be the catalog.</summary>
    public static byte[] Build(params string[] bodies)
    {
        var sb = new System.Text.StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (var i = 0; i < bodies.Length; i++)
        {
            offsets.Add(sb.Length);
            sb.Append($"{i + 1} 0 obj\n{bodies[i]}\nendobj\n");
        }

        var xref = sb.Length;
        sb.Append($"xref\n0 {bodies.Length + 1}\n0000000000 65535 f\r\n");
        foreach (var o in offsets)
        {
            sb.Append($"{o:D10} 00000 n\r\n");
        }

        sb.Append($"trailer\n<</Size {bodies.Length + 1} /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.Latin1.GetBytes(sb.ToString());
    }

    public static byte[] ZeroPages() => Build("<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [] /Count 0>>");
}
