using System.Globalization;
using System.Text;

namespace Portal.Signing.Pdf.Parsing;

/// <summary>
/// Collects new and replaced objects and appends them after the original bytes as one revision, with
/// an xref section of the same kind as the file's latest one and a trailer whose /Prev chains to it.
/// The original bytes are never rewritten, so earlier signatures stay valid.
/// </summary>
internal sealed class IncrementalUpdate(PdfFile file)
{
    private readonly List<(int Number, int Generation, PdfObject Value)> _objects = [];
    private readonly HashSet<int> _numbers = [];
    private int _next = file.Size;

    public PdfFile File { get; } = file;

    public PdfReference Reserve() => new(_next++, 0);

    public PdfReference Add(PdfObject value)
    {
        var r = Reserve();
        Set(r, value);
        return r;
    }

    public void Set(PdfReference r, PdfObject value)
    {
        if (!_numbers.Add(r.Number))
        {
            var i = _objects.FindIndex(o => o.Number == r.Number);
            _objects[i] = (r.Number, r.Generation, value);
            return;
        }

        _objects.Add((r.Number, r.Generation, value));
    }

    /// <summary>Writes a new version of an existing object (objects from object streams become plain objects).</summary>
    public void Replace(int number, PdfObject value)
    {
        var gen = File.Xref.TryGetValue(number, out var e) && !e.InObjectStream ? e.Generation : 0;
        Set(new PdfReference(number, gen), value);
    }

    public bool IsReplaced(int number) => _numbers.Contains(number);

    public PdfObject? Pending(int number) => _objects.FirstOrDefault(o => o.Number == number).Value;

    /// <summary>Serializes the appended part; offsets in it are relative to the end of the original file.</summary>
    public PdfWriter Write()
    {
        var data = File.Data.Span;
        var baseOffset = data.Length;
        var w = new PdfWriter(16384);
        if (data.Length > 0 && data[^1] != '\n' && data[^1] != '\r')
        {
            w.Raw("\n");
        }

        var offsets = new SortedDictionary<int, (long Offset, int Gen)>();
        foreach (var (num, gen, value) in _objects)
        {
            offsets[num] = (baseOffset + w.Length, gen);
            w.Raw(string.Create(CultureInfo.InvariantCulture, $"{num} {gen} obj\n"));
            value.WriteTo(w);
            w.Raw("\nendobj\n");
        }

        var trailer = new PdfDictionary();
        trailer["Root"] = File.Trailer["Root"];
        if (File.Trailer["Info"] is { } info)
        {
            trailer["Info"] = info;
        }

        trailer["ID"] = File.Trailer["ID"] ?? new PdfArray([NewId(), NewId()]);
        trailer["Prev"] = new PdfNumber(File.StartXref);

        if (File.LatestIsXrefStream)
        {
            var xrefNum = _next;
            var xrefOffset = baseOffset + w.Length;
            offsets[xrefNum] = (xrefOffset, 0);
            var rows = new List<byte>();
            var index = new PdfArray();
            foreach (var run in Runs(offsets.Keys))
            {
                index.Items.Add(new PdfNumber(run.Start));
                index.Items.Add(new PdfNumber(run.Count));
                for (var n = run.Start; n < run.Start + run.Count; n++)
                {
                    var (off, gen) = offsets[n];
                    rows.Add(1);
                    rows.Add((byte)(off >> 24));
                    rows.Add((byte)(off >> 16));
                    rows.Add((byte)(off >> 8));
                    rows.Add((byte)off);
                    rows.Add((byte)(gen >> 8));
                    rows.Add((byte)gen);
                }
            }

            var xs = new PdfDictionary();
            xs["Type"] = new PdfName("XRef");
            xs["Size"] = new PdfNumber(xrefNum + 1);
            xs["Index"] = index;
            xs["W"] = PdfArray.Of(1, 4, 2);
            foreach (var e in trailer.Entries)
            {
                xs[e.Key] = e.Value;
            }

            xs["Filter"] = new PdfName("FlateDecode");
            var stream = new PdfStream(xs, PdfFilters.Deflate(rows.ToArray()));
            w.Raw(string.Create(CultureInfo.InvariantCulture, $"{xrefNum} 0 obj\n"));
            stream.WriteTo(w);
            w.Raw("\nendobj\n");
            w.Raw(string.Create(CultureInfo.InvariantCulture, $"startxref\n{xrefOffset}\n%%EOF\n"));
        }
        else
        {
            var xrefOffset = baseOffset + w.Length;
            var sb = new StringBuilder("xref\n");
            foreach (var run in Runs(offsets.Keys))
            {
                sb.Append(CultureInfo.InvariantCulture, $"{run.Start} {run.Count}\n");
                for (var n = run.Start; n < run.Start + run.Count; n++)
                {
                    var (off, gen) = offsets[n];
                    sb.Append(CultureInfo.InvariantCulture, $"{off:D10} {gen:D5} n\r\n");
                }
            }

            w.Raw(sb.ToString());
            trailer["Size"] = new PdfNumber(_next);
            w.Raw("trailer\n");
            trailer.WriteTo(w);
            w.Raw(string.Create(CultureInfo.InvariantCulture, $"\nstartxref\n{xrefOffset}\n%%EOF\n"));
        }

        return w;
    }

    private static IEnumerable<(int Start, int Count)> Runs(IEnumerable<int> sorted)
    {
        int? start = null;
        var prev = 0;
        foreach (var n in sorted)
        {
            if (start is null)
            {
                start = n;
            }
            else if (n != prev + 1)
            {
                yield return (start.Value, prev - start.Value + 1);
                start = n;
            }

            prev = n;
        }

        if (start is not null)
        {
            yield return (start.Value, prev - start.Value + 1);
        }
    }

    private static PdfString NewId() => new(Guid.NewGuid().ToByteArray(), hex: true);
}
