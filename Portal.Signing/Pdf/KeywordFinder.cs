using System.Text;
using Portal.Signing.Pdf.Parsing;
using UglyToad.PdfPig;

namespace Portal.Signing.Pdf;

/// <summary>Finds a phrase (CJK included) on the pages of a PDF, with the rectangle of each occurrence in user space.</summary>
public static class KeywordFinder
{
    /// <summary>Decoded bytes PdfPig may be handed in all: it keeps pages' content and glyphs in memory several times over.</summary>
    private const long MaxDecodedForSearch = 64L * 1024 * 1024;

    /// <summary>Occurrences in reading order: 0-based page index and the union of the phrase's glyph boxes.</summary>
    /// <exception cref="SigningException">The file is not one our bounded parser accepts, or is too costly to search.</exception>
    public static IReadOnlyList<(int PageIndex, double X, double Y, double W, double H)> Find(ReadOnlyMemory<byte> pdf, string keyword) =>
        Find(pdf, keyword, PdfParseLimits.Default);

    /// <inheritdoc cref="Find(ReadOnlyMemory{byte}, string)"/>
    public static IReadOnlyList<(int PageIndex, double X, double Y, double W, double H)> Find(ReadOnlyMemory<byte> pdf, string keyword, PdfParseLimits limits)
    {
        var hits = new List<(int, double, double, double, double)>();
        var needle = Normalize(keyword);
        if (needle.Length == 0)
        {
            return hits;
        }

        // PdfPig has no limits of its own: it only ever sees a file our parser read whole within the same caps.
        var budget = new PdfBudget(limits.WithTotalDecoded(Math.Min(limits.MaxTotalDecodedBytes, MaxDecodedForSearch)));
        try
        {
            Preflight(PdfFile.Open(pdf, budget));
        }
        catch (Exception ex) when (PdfInput.IsMalformed(ex))
        {
            throw PdfInput.Broken(ex);
        }

        try
        {
            // Word extraction returns one letter per "word" on PDFsharp's CJK output (NOTES), so search the letters.
            using var doc = PdfDocument.Open(pdf.ToArray());
            var pageIndex = 0;
            foreach (var page in doc.GetPages())
            {
                budget.CheckTime();
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
        }
        catch (PdfLimitException ex)
        {
            throw PdfInput.Broken(ex);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException or SigningException))
        {
            // PdfPig's own refusals (and its bugs on odd files) are a damaged file to the user, never a crash.
            throw PdfInput.Broken(ex);
        }

        return hits;
    }

    /// <summary>
    /// Reads every object and decodes every stream PdfPig will decode (all but images) under the budget, and checks the
    /// nesting inside content streams, so a bomb or a deep structure is refused here rather than met inside PdfPig.
    /// </summary>
    private static void Preflight(PdfFile file)
    {
        var nesting = file.Budget.Limits.MaxNesting;
        foreach (var number in file.Xref.Keys.ToList())
        {
            if (file.GetObject(number) is not PdfStream st || st.NameOf("Subtype") == "Image" || st.NameOf("Type") is "XRef" or "ObjStm")
            {
                continue;
            }

            byte[] decoded;
            try
            {
                decoded = file.DecodeStream(st);
            }
            catch (PdfFormatException ex) when (ex is not PdfLimitException && ex.Message.StartsWith("unsupported filter", StringComparison.Ordinal))
            {
                continue; // fonts and images in other filters: PdfPig decodes those lazily, if at all
            }

            if (ContentNesting(decoded) > nesting)
            {
                throw new PdfLimitException($"a content stream nests arrays or dictionaries deeper than {nesting} levels");
            }
        }
    }

    /// <summary>The deepest nesting of arrays and dictionaries in content-stream syntax (strings and comments skipped).</summary>
    internal static int ContentNesting(ReadOnlySpan<byte> s)
    {
        int depth = 0, max = 0;
        for (var i = 0; i < s.Length; i++)
        {
            switch (s[i])
            {
                case (byte)'[':
                    max = Math.Max(max, ++depth);
                    break;
                case (byte)']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case (byte)'<' when i + 1 < s.Length && s[i + 1] == '<':
                    max = Math.Max(max, ++depth);
                    i++;
                    break;
                case (byte)'>' when i + 1 < s.Length && s[i + 1] == '>':
                    depth = Math.Max(0, depth - 1);
                    i++;
                    break;
                case (byte)'%':
                    while (i < s.Length && s[i] is not ((byte)'\n' or (byte)'\r'))
                    {
                        i++;
                    }

                    break;
                case (byte)'(':
                    for (var paren = 1; paren > 0 && ++i < s.Length;)
                    {
                        if (s[i] == '\\')
                        {
                            i++;
                        }
                        else if (s[i] == '(')
                        {
                            paren++;
                        }
                        else if (s[i] == ')')
                        {
                            paren--;
                        }
                    }

                    break;
            }
        }

        return max;
    }

    private static string Normalize(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
