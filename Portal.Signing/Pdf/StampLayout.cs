using Portal.Signing.Pdf.Parsing;

namespace Portal.Signing.Pdf;

/// <summary>A stamp resolved to one page: its rectangle in default user space and the part of the face it shows.</summary>
internal sealed record PlacedStamp(int PageIndex, double X, double Y, double Width, double Height, SealAppearance Face, double SliceFrom = 0, double SliceTo = 1);

/// <summary>The page box and rotation a placement needs.</summary>
internal sealed record PageGeometry(double Llx, double Lly, double Urx, double Ury, int Rotate)
{
    public double Width => Urx - Llx;
    public double Height => Ury - Lly;

    public static PageGeometry Of(PdfFile file, PdfDictionary page)
    {
        var box = file.Pages.Inherited(page, "CropBox") as PdfArray ?? file.Pages.Inherited(page, "MediaBox") as PdfArray;
        var b = box?.Items.Select(x => file.Resolve(x) is PdfNumber n ? n.Value : 0).ToArray() ?? [0, 0, 595, 842];
        var rotate = file.Pages.Inherited(page, "Rotate") is PdfNumber r ? ((r.IntValue % 360) + 360) % 360 : 0;
        return new PageGeometry(Math.Min(b[0], b[2]), Math.Min(b[1], b[3]), Math.Max(b[0], b[2]), Math.Max(b[1], b[3]), rotate);
    }
}

/// <summary>Turns stamp placements into page rectangles (single, multi-page, cross-page, keyword).</summary>
internal static class StampLayout
{
    public static List<PlacedStamp> Resolve(
        PdfFile file,
        IReadOnlyList<PdfReference> pages,
        PdfSignRequest request,
        PdfSigningOptions options,
        Func<int, PageGeometry> geometry,
        Func<KeywordStamp, IReadOnlyList<(int PageIndex, double X, double Y, double W, double H)>> findKeyword)
    {
        var result = new List<PlacedStamp>();
        foreach (var p in request.Stamps)
        {
            var face = p.Face ?? request.Face;
            var w = p.Width ?? face.Width;
            var h = p.Height ?? face.Height;
            switch (p)
            {
                case SingleStamp s:
                    result.Add(At(CheckPage(s.Page, pages.Count) - 1, s.X, s.Y));
                    break;
                case MultiPageStamp m:
                    {
                        var (first, last) = Range(m.FirstPage, m.LastPage, pages.Count);
                        for (var i = first; i <= last; i++)
                        {
                            result.Add(At(i - 1, m.X, m.Y));
                        }

                        break;
                    }

                case CrossPageStamp c:
                    {
                        var (first, last) = Range(c.FirstPage, c.LastPage, pages.Count);
                        var n = last - first + 1;
                        if (c.Pairs)
                        {
                            // A two-page spread: left half at page p's right edge, right half at page p+1's left edge.
                            for (var i = first; i + 1 <= last; i += 2)
                            {
                                var g1 = geometry(i - 1);
                                result.Add(new PlacedStamp(i - 1, g1.Urx - (w / 2), g1.Lly + c.Y, w / 2, h, face, 0, 0.5));
                                var g2 = geometry(i);
                                result.Add(new PlacedStamp(i, g2.Llx, g2.Lly + c.Y, w / 2, h, face, 0.5, 1));
                            }

                            break;
                        }

                        if (n < 2)
                        {
                            throw new SigningException("pdf.cross_page_too_few", "A cross-page seal needs at least two pages.");
                        }

                        if (n > options.MaxCrossPageSlices)
                        {
                            throw new SigningException(
                                "pdf.cross_page_too_many",
                                $"A cross-page seal over {n} pages would cut the seal into slices too thin to read; the limit is {options.MaxCrossPageSlices} pages — choose a page range or stamp in groups.");
                        }

                        var sw = w / n;
                        for (var k = 0; k < n; k++)
                        {
                            var g = geometry(first - 1 + k);
                            var x = c.Edge == PageEdge.Right ? g.Urx - sw : g.Llx;
                            result.Add(new PlacedStamp(first - 1 + k, x, g.Lly + c.Y, sw, h, face, (double)k / n, (double)(k + 1) / n));
                        }

                        break;
                    }

                case KeywordStamp kw:
                    {
                        var hits = findKeyword(kw);
                        if (hits.Count == 0)
                        {
                            throw new SigningException("pdf.keyword_not_found", $"The text \"{kw.Keyword}\" was not found in the document, so the stamp cannot be placed there.")
                            {
                                Subject = kw.Keyword,
                            };
                        }

                        var chosen = kw.Occurrence switch
                        {
                            KeywordOccurrence.First => [hits[0]],
                            KeywordOccurrence.Last => [hits[^1]],
                            _ => hits,
                        };
                        foreach (var hit in chosen)
                        {
                            var cx = hit.X + (hit.W / 2) + kw.OffsetX;
                            var cy = hit.Y + (hit.H / 2) + kw.OffsetY;
                            result.Add(new PlacedStamp(hit.PageIndex, cx - (w / 2), cy - (h / 2), w, h, face));
                        }

                        break;
                    }

                default:
                    throw new SigningException("pdf.bad_stamp", $"Unknown stamp kind {p.GetType().Name}.");
            }

            PlacedStamp At(int pageIndex, double x, double y)
            {
                var g = geometry(pageIndex);
                var (rw, rh) = g.Rotate is 90 or 270 ? (h, w) : (w, h);
                return new PlacedStamp(pageIndex, g.Llx + x, g.Lly + y, rw, rh, face);
            }
        }

        if (result.Count == 0)
        {
            throw new SigningException("pdf.no_stamps", "Nothing to place: give at least one stamp position.");
        }

        return result;
    }

    private static int CheckPage(int page, int count)
    {
        if (page < 1 || page > count)
        {
            throw new SigningException("pdf.page_out_of_range", $"Page {page} does not exist; the document has {count} pages.");
        }

        return page;
    }

    private static (int First, int Last) Range(int? first, int? last, int count)
    {
        var f = CheckPage(first ?? 1, count);
        var l = CheckPage(last ?? count, count);
        if (l < f)
        {
            throw new SigningException("pdf.page_out_of_range", $"Page range {f}–{l} is empty.");
        }

        return (f, l);
    }
}
