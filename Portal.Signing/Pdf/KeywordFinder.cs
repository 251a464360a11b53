using System.Text;
using UglyToad.PdfPig;

namespace Portal.Signing.Pdf;

/// <summary>Finds a phrase (CJK included) on the pages of a PDF, with the rectangle of each occurrence in user space.</summary>
public static class KeywordFinder
{
    /// <summary>Occurrences in reading order: 0-based page index and the union of the phrase's glyph boxes.</summary>
    public static IReadOnlyList<(int PageIndex, double X, double Y, double W, double H)> Find(ReadOnlyMemory<byte> pdf, string keyword)
    {
        var hits = new List<(int, double, double, double, double)>();
        var needle = Normalize(keyword);
        if (needle.Length == 0)
        {
            return hits;
        }

        // Word extraction returns one letter per "word" on PDFsharp's CJK output (NOTES), so search the letters.
        using var doc = PdfDocument.Open(pdf.ToArray());
        var pageIndex = 0;
        foreach (var page in doc.GetPages())
        {
            var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            var text = new StringBuilder();
            var owner = new List<int>();
            for (var i = 0; i < letters.Count; i++)
            {
                foreach (var ch in Normalize(letters[i].Value))
                {
                    text.Append(ch);
                    owner.Add(i);
                }
            }

            var hay = text.ToString();
            for (var at = hay.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = hay.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
            {
                double l = double.MaxValue, b = double.MaxValue, r = double.MinValue, t = double.MinValue;
                for (var k = owner[at]; k <= owner[at + needle.Length - 1]; k++)
                {
                    var g = letters[k].BoundingBox;
                    l = Math.Min(l, g.Left);
                    b = Math.Min(b, g.Bottom);
                    r = Math.Max(r, g.Right);
                    t = Math.Max(t, g.Top);
                }

                hits.Add((pageIndex, l, b, r - l, t - b));
            }

            pageIndex++;
        }

        return hits;
    }

    private static string Normalize(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
