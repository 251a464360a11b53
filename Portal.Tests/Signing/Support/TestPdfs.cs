using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portal.Signing.Seals;

namespace Portal.Tests.Signing.Support;

/// <summary>Test documents drawn with PDFsharp (CJK text through the seal font), cached per shape.</summary>
public static class TestPdfs
{
    private static readonly Dictionary<string, byte[]> Cache = [];

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
                    if (keywordOnPages is not null)
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
