using System.Diagnostics;

namespace Portal.Signing.Pdf.Parsing;

/// <summary>
/// What the parser allows one document to cost (uploads are hostile: every limit turns into a typed refusal, never a crash
/// or an unbounded allocation). The defaults keep a whole sign or verify run well under 1 GiB and 30 s.
/// </summary>
public sealed class PdfParseLimits
{
    /// <summary>Deepest nesting of arrays and dictionaries in one object.</summary>
    public int MaxNesting { get; init; } = 64;

    /// <summary>Largest decoded size of any one stream.</summary>
    public long MaxStreamBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Largest decoded size of all streams of a document together.</summary>
    public long MaxTotalDecodedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Largest decoded-to-encoded ratio of a stream once it decodes to more than <see cref="RatioFloorBytes"/>.</summary>
    public int MaxCompressionRatio { get; init; } = 1000;

    /// <summary>Decoded size below which the ratio is not checked (small streams compress well legitimately).</summary>
    public long RatioFloorBytes { get; init; } = 1024 * 1024;

    /// <summary>Most objects in the cross-reference data.</summary>
    public int MaxObjects { get; init; } = 2_000_000;

    /// <summary>Most nodes (pages and intermediate nodes) in a page tree.</summary>
    public int MaxPageTreeNodes { get; init; } = 100_000;

    /// <summary>Most objects (numbers, names, array and dictionary entries, …) parsed from one document.</summary>
    public long MaxParsedObjects { get; init; } = 4_000_000;

    /// <summary>Most cross-reference sections (revisions) in the /Prev chain.</summary>
    public int MaxXrefSections { get; init; } = 1_000;

    /// <summary>Wall-clock time one document may take to parse.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>These limits with another cap on the total decoded size.</summary>
    public PdfParseLimits WithTotalDecoded(long bytes) => new()
    {
        MaxNesting = MaxNesting,
        MaxStreamBytes = Math.Min(MaxStreamBytes, bytes),
        MaxTotalDecodedBytes = bytes,
        MaxCompressionRatio = MaxCompressionRatio,
        RatioFloorBytes = RatioFloorBytes,
        MaxObjects = MaxObjects,
        MaxParsedObjects = MaxParsedObjects,
        MaxPageTreeNodes = MaxPageTreeNodes,
        MaxXrefSections = MaxXrefSections,
        TimeBudget = TimeBudget,
    };

    /// <summary>The defaults.</summary>
    public static PdfParseLimits Default { get; } = new();
}

/// <summary>A limit of <see cref="PdfParseLimits"/> was reached: the document is refused as too complex, not as damaged.</summary>
internal sealed class PdfLimitException(string message) : PdfFormatException(message);

/// <summary>One document's running costs against its limits; shared by every view of the same upload (e.g. each revision the verifier opens).</summary>
internal sealed class PdfBudget(PdfParseLimits limits)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _decoded;
    private long _parsed;

    public PdfParseLimits Limits { get; } = limits;

    public static PdfBudget Fresh() => new(PdfParseLimits.Default);

    public void CheckTime()
    {
        if (_clock.Elapsed > Limits.TimeBudget)
        {
            throw new PdfLimitException($"parsing took longer than {Limits.TimeBudget.TotalSeconds:0} s");
        }
    }

    /// <summary>Counts one parsed object; checks the clock every so often.</summary>
    public void CountObject()
    {
        if (++_parsed > Limits.MaxParsedObjects)
        {
            throw new PdfLimitException($"the document holds more than {Limits.MaxParsedObjects} objects to read");
        }

        if ((_parsed & 0xFFFF) == 0)
        {
            CheckTime();
        }
    }

    /// <summary>Accounts for <paramref name="bytes"/> more decoded bytes of one stream whose decoded size is now <paramref name="streamTotal"/>.</summary>
    public void AddDecoded(long bytes, long streamTotal, long encodedLength)
    {
        _decoded += bytes;
        if (streamTotal > Limits.MaxStreamBytes)
        {
            throw new PdfLimitException($"a stream decodes to more than {Limits.MaxStreamBytes / 1048576} MB");
        }

        if (_decoded > Limits.MaxTotalDecodedBytes)
        {
            throw new PdfLimitException($"the streams decode to more than {Limits.MaxTotalDecodedBytes / 1048576} MB in total");
        }

        if (streamTotal > Limits.RatioFloorBytes && streamTotal > Limits.MaxCompressionRatio * Math.Max(1, encodedLength))
        {
            throw new PdfLimitException($"a stream expands more than {Limits.MaxCompressionRatio} times (a compression bomb)");
        }
    }
}
