namespace Portal.Signing.Pdf;

/// <summary>Limits the signer enforces before touching a file.</summary>
public sealed class PdfSigningOptions
{
    /// <summary>Largest input accepted, in bytes (default 50 MB).</summary>
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most pages accepted (default 2,000).</summary>
    public int MaxPages { get; set; } = 2000;

    /// <summary>Most pages one cross-page seal may be cut over (a slice narrower than ~2 mm is unreadable).</summary>
    public int MaxCrossPageSlices { get; set; } = 30;

    /// <summary>What parsing one upload may cost (nesting, decoded sizes, objects, pages, time).</summary>
    public Portal.Signing.Pdf.Parsing.PdfParseLimits Limits { get; set; } = Portal.Signing.Pdf.Parsing.PdfParseLimits.Default;

    /// <summary>Bytes reserved for the CMS beyond the certificate chain (signature, attributes, TSA token).</summary>
    public int CmsReserveExtra { get; set; } = 6144;

    /// <summary>
    /// PAdES B-LT: after each signature, a second incremental update carries its validation material in the document's DSS
    /// (configuration <c>Pdf:LongTermValidation</c>, default on).
    /// </summary>
    public bool LongTermValidation { get; set; } = true;
}

/// <summary>Which edge of the page a cross-page seal (骑缝章) is cut along.</summary>
public enum PageEdge
{
    Right,
    Left,
}

/// <summary>Which keyword occurrences get a stamp.</summary>
public enum KeywordOccurrence
{
    Each,
    First,
    Last,
}

/// <summary>Where a stamp goes; positions are PDF points from the lower-left of the page's unrotated crop box.</summary>
public abstract record StampPlacement
{
    /// <summary>Seal face to draw; null uses the request's face.</summary>
    public SealAppearance? Face { get; init; }

    /// <summary>Width on the page in points; null keeps the face's own size.</summary>
    public double? Width { get; init; }

    /// <summary>Height on the page in points; null keeps the face's own size.</summary>
    public double? Height { get; init; }
}

/// <summary>One stamp on one page (page numbers are 1-based).</summary>
public sealed record SingleStamp(int Page, double X, double Y) : StampPlacement;

/// <summary>The same stamp at the same position on all pages (null range) or on FirstPage..LastPage.</summary>
public sealed record MultiPageStamp(double X, double Y, int? FirstPage = null, int? LastPage = null) : StampPlacement;

/// <summary>
/// Cross-page seal (骑缝章): the face cut into N vertical slices, slice i at the edge of the i-th page, so the
/// pages laid edge to edge show the whole seal. Pairs = every two pages get a half each.
/// </summary>
public sealed record CrossPageStamp(double Y, PageEdge Edge = PageEdge.Right, int? FirstPage = null, int? LastPage = null, bool Pairs = false) : StampPlacement;

/// <summary>A stamp centred on (plus offset) each / the first / the last occurrence of a phrase.</summary>
public sealed record KeywordStamp(string Keyword, KeywordOccurrence Occurrence = KeywordOccurrence.Each, double OffsetX = 0, double OffsetY = 0) : StampPlacement;

/// <summary>One signing call: the signature field's stamp (the first placement's first stamp) plus the signer's other stamps.</summary>
public sealed class PdfSignRequest
{
    /// <summary>The default face for placements that do not name one.</summary>
    public required SealAppearance Face { get; init; }

    /// <summary>Placements; the first resolved stamp becomes the signature widget, the others stamp annotations in the same revision.</summary>
    public required IReadOnlyList<StampPlacement> Stamps { get; init; }

    /// <summary>Signer's display name (/Name in the signature dictionary).</summary>
    public string? SignerName { get; init; }

    public string? Reason { get; init; }

    public string? Location { get; init; }

    /// <summary>Signing time shown in /M (informational; the timestamp is the trusted time).</summary>
    public DateTimeOffset? SigningTime { get; init; }
}

/// <summary>Where the time of one signature went, in the order the benchmark prints it.</summary>
public sealed record PdfSignTimings(TimeSpan Parse, TimeSpan Stamp, TimeSpan Write, TimeSpan Hash, TimeSpan Sign, TimeSpan Timestamp)
{
    public TimeSpan Total => Parse + Stamp + Write + Hash + Sign + Timestamp;
}

/// <summary>The signed PDF and what was placed.</summary>
public sealed record PdfSignResult(byte[] Pdf, string FieldName, int StampCount, IReadOnlyList<int> StampedPages, PdfSignTimings Timings);
