using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Portal.Application.Common;

namespace Portal.Application.Signing;

/// <summary>How a stamp is placed: one page, every page, a page range, a cross-page seal (骑缝章), or at a keyword (关键字签章).</summary>
public enum StampKind
{
    Single = 1,
    AllPages = 2,
    PageRange = 3,
    CrossPage = 4,
    Keyword = 5,
}

/// <summary>Which occurrences of a keyword get a stamp (关键字签章: each by default, as the engine and the common platforms do).</summary>
public enum KeywordMatch
{
    Each = 0,
    First = 1,
    Last = 2,
}

/// <summary>
/// One placement the signer chose, in PDF points from the lower-left corner of the page (X, Y is the stamp's centre).
/// <see cref="Page"/> is used by <see cref="StampKind.Single"/>; <see cref="FirstPage"/>..<see cref="LastPage"/> by ranges
/// (null: all pages); a cross-page seal uses only <see cref="Y"/> and is cut along the right edge. A keyword stamp is
/// centred on the <see cref="Keyword"/>'s occurrences (<see cref="Match"/>) found when stamping, X and Y being an offset
/// from the keyword's centre (0, 0: on it).
/// </summary>
public sealed record StampSpec(StampKind Kind, int Page, double X, double Y, int? FirstPage = null, int? LastPage = null,
    string? Keyword = null, KeywordMatch Match = KeywordMatch.Each)
{
    /// <summary>The longest keyword (the designated positions' column holds as much).</summary>
    public const int MaxKeywordLength = 100;

    /// <summary>The longest canonical text a use request stores (its column's size).</summary>
    public const int MaxCanonicalLength = 4000;

    /// <summary>A stamp on a keyword (a designated keyword position: on each occurrence, no offset).</summary>
    public static StampSpec AtKeyword(string keyword, KeywordMatch match = KeywordMatch.Each, double offsetX = 0, double offsetY = 0) =>
        new(StampKind.Keyword, 0, offsetX, offsetY, Keyword: keyword, Match: match);

    /// <summary>
    /// A canonical text of the placements: what a use approval binds to (a changed position needs a new request). A keyword
    /// stamp adds its match and the keyword's UTF-8 in base64url, so any text (";", ":" included) round-trips; the other
    /// kinds keep the six fields they always had (stored approvals still compare equal).
    /// </summary>
    public static string Canonical(IEnumerable<StampSpec> stamps) => string.Join(";", stamps.Select(s => s.Kind == StampKind.Keyword
        ? string.Create(CultureInfo.InvariantCulture,
            $"{(int)s.Kind}:0:{Math.Round(s.X, 1):0.0}:{Math.Round(s.Y, 1):0.0}:::{(int)s.Match}:{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(s.Keyword ?? ""))}")
        : string.Create(CultureInfo.InvariantCulture,
            $"{(int)s.Kind}:{s.Page}:{Math.Round(s.X, 1):0.0}:{Math.Round(s.Y, 1):0.0}:{s.FirstPage}:{s.LastPage}")));

    /// <summary>Parses <see cref="Canonical"/> back (stored use requests).</summary>
    public static IReadOnlyList<StampSpec> ParseCanonical(string text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(';').Select(part =>
        {
            var f = part.Split(':');
            static int? N(string v) => v.Length == 0 ? null : int.Parse(v, CultureInfo.InvariantCulture);
            var kind = (StampKind)int.Parse(f[0], CultureInfo.InvariantCulture);
            var (x, y) = (double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
            return kind == StampKind.Keyword && f.Length == 8
                ? AtKeyword(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(f[7])), (KeywordMatch)int.Parse(f[6], CultureInfo.InvariantCulture), x, y)
                : new StampSpec(kind, int.Parse(f[1], CultureInfo.InvariantCulture), x, y, N(f[4]), N(f[5]));
        }).ToList();

    /// <summary>
    /// Checks placements against the document's page count (positions are bounded loosely: pages differ in size); a keyword
    /// must have 1–100 characters, none of them a control character or a lone surrogate; all of them together must fit the
    /// canonical text a use request stores.
    /// </summary>
    public static PortalError? Check(IReadOnlyList<StampSpec>? stamps, int pageCount)
    {
        if (stamps is null || stamps.Count == 0)
        {
            return new PortalError(Errors.PlacementRequired);
        }
        const double MaxCoordinate = 14400; // the largest PDF page side, 200 inches
        foreach (var s in stamps)
        {
            if (s.Kind == StampKind.Keyword)
            {
                if (!IsValidKeyword(s.Keyword))
                {
                    return new PortalError(Errors.PlacementKeywordInvalid, MaxKeywordLength);
                }
                // X, Y: an offset from the keyword's centre, either way.
                if (!Enum.IsDefined(s.Match) || double.IsNaN(s.X) || double.IsNaN(s.Y) || Math.Abs(s.X) > MaxCoordinate || Math.Abs(s.Y) > MaxCoordinate)
                {
                    return new PortalError(Errors.PlacementInvalid, pageCount);
                }
                continue;
            }
            var bad = !Enum.IsDefined(s.Kind) || s.Keyword is not null
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
        return Canonical(stamps).Length > MaxCanonicalLength ? new PortalError(Errors.PlacementTooMany) : null;
    }

    /// <summary>A keyword worth searching: 1–100 characters, not only blanks, no control characters (line breaks never match).</summary>
    public static bool IsValidKeyword(string? keyword) =>
        keyword is { Length: > 0 and <= MaxKeywordLength } && keyword.Trim().Length > 0 && !keyword.Any(char.IsControl) && WellFormed(keyword);

    // No lone surrogate: the canonical text carries UTF-8, which could not give it back.
    private static bool WellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
