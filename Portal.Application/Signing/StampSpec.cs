using System.Globalization;
using Portal.Application.Common;

namespace Portal.Application.Signing;

/// <summary>How a stamp is placed: one page, every page, a page range, or a cross-page seal (骑缝章).</summary>
public enum StampKind
{
    Single = 1,
    AllPages = 2,
    PageRange = 3,
    CrossPage = 4,
}

/// <summary>
/// One placement the signer chose, in PDF points from the lower-left corner of the page (X, Y is the stamp's centre).
/// <see cref="Page"/> is used by <see cref="StampKind.Single"/>; <see cref="FirstPage"/>..<see cref="LastPage"/> by ranges
/// (null: all pages); a cross-page seal uses only <see cref="Y"/> and is cut along the right edge.
/// </summary>
public sealed record StampSpec(StampKind Kind, int Page, double X, double Y, int? FirstPage = null, int? LastPage = null)
{
    /// <summary>A canonical text of the placements: what a use approval binds to (a changed position needs a new request).</summary>
    public static string Canonical(IEnumerable<StampSpec> stamps) => string.Join(";", stamps.Select(s => string.Create(
        CultureInfo.InvariantCulture, $"{(int)s.Kind}:{s.Page}:{Math.Round(s.X, 1):0.0}:{Math.Round(s.Y, 1):0.0}:{s.FirstPage}:{s.LastPage}")));

    /// <summary>Parses <see cref="Canonical"/> back (stored use requests).</summary>
    public static IReadOnlyList<StampSpec> ParseCanonical(string text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(';').Select(part =>
        {
            var f = part.Split(':');
            static int? N(string v) => v.Length == 0 ? null : int.Parse(v, CultureInfo.InvariantCulture);
            return new StampSpec((StampKind)int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture), N(f[4]), N(f[5]));
        }).ToList();

    /// <summary>Checks placements against the document's page count (positions are bounded loosely: pages differ in size).</summary>
    public static PortalError? Check(IReadOnlyList<StampSpec>? stamps, int pageCount)
    {
        if (stamps is null || stamps.Count == 0)
        {
            return new PortalError(Errors.PlacementRequired);
        }
        const double MaxCoordinate = 14400; // the largest PDF page side, 200 inches
        foreach (var s in stamps)
        {
            var bad = !Enum.IsDefined(s.Kind)
                || double.IsNaN(s.X) || double.IsNaN(s.Y) || s.X < 0 || s.Y < 0 || s.X > MaxCoordinate || s.Y > MaxCoordinate
                || (s.Kind == StampKind.Single && (s.Page < 1 || s.Page > pageCount))
                || (s.Kind is StampKind.PageRange or StampKind.CrossPage
                    && (s.FirstPage is { } f && (f < 1 || f > pageCount) || s.LastPage is { } l && (l < 1 || l > pageCount)
                        || s.FirstPage is { } a && s.LastPage is { } b && a > b))
                || (s.Kind == StampKind.PageRange && (s.FirstPage is null || s.LastPage is null))
                || (s.Kind == StampKind.CrossPage && pageCount < 2);
            if (bad)
            {
                return new PortalError(Errors.PlacementInvalid, pageCount);
            }
        }
        return null;
    }
}
