using System.Buffers.Binary;
using System.IO.Compression;

namespace Portal.Signing.Pdf.Parsing;

/// <summary>Where an object lives: at a byte offset, or inside an object stream.</summary>
internal readonly record struct XrefEntry(long Offset, int Generation, int StreamNumber, int IndexInStream)
{
    public bool InObjectStream => StreamNumber > 0;
}

/// <summary>One cross-reference section (table or stream) of the /Prev chain.</summary>
internal sealed class XrefSection
{
    public required long Offset { get; init; }
    public required bool IsStream { get; init; }
    public required PdfDictionary Trailer { get; init; }
    public Dictionary<int, XrefEntry> Entries { get; } = [];
    public HashSet<int> Freed { get; } = [];
}

/// <summary>
/// A lazily-read PDF: only the xref chain is parsed on open; objects are read when asked for. This is
/// what keeps signing cost proportional to what we touch, not to the size of the file.
/// </summary>
internal sealed class PdfFile
{
    private readonly Dictionary<int, PdfObject> _cache = [];
    private readonly Dictionary<int, (PdfLexer Lexer, int[] Offsets, int[] Numbers, int First)> _objStreams = [];

    private PdfFile(ReadOnlyMemory<byte> data) => Data = data;

    public ReadOnlyMemory<byte> Data { get; }
    public long StartXref { get; private set; }

    /// <summary>Sections newest first (the order of the /Prev chain).</summary>
    public List<XrefSection> Sections { get; } = [];

    public Dictionary<int, XrefEntry> Xref { get; } = [];
    public PdfDictionary Trailer => Sections[0].Trailer;
    public bool LatestIsXrefStream => Sections[0].IsStream;
    public int Size { get; private set; }

    public static PdfFile Open(ReadOnlyMemory<byte> data)
    {
        var f = new PdfFile(data);
        f.ReadXrefChain();
        return f;
    }

    public static long FindStartXref(ReadOnlySpan<byte> s)
    {
        var tail = Math.Max(0, s.Length - 2048);
        var idx = s[tail..].LastIndexOf("startxref"u8);
        if (idx < 0)
        {
            throw new PdfFormatException("no startxref near the end of the file (truncated?)");
        }

        var lx = new PdfLexer(s[(tail + idx + 9)..].ToArray());
        return lx.ReadLong();
    }

    private void ReadXrefChain()
    {
        var s = Data.Span;
        if (s.Length < 16 || s[..Math.Min(1024, s.Length)].IndexOf("%PDF-"u8) < 0)
        {
            throw new PdfFormatException("no %PDF header");
        }

        StartXref = FindStartXref(s);
        var seen = new HashSet<long>();
        var next = StartXref;
        while (next > 0 || (next == 0 && Sections.Count == 0))
        {
            if (!seen.Add(next) || next >= s.Length || next < 0)
            {
                throw new PdfFormatException($"bad xref offset {next}");
            }

            var section = ReadSection(next);
            Sections.Add(section);
            if (section.Trailer["XRefStm"] is PdfNumber hybrid && seen.Add(hybrid.LongValue))
            {
                // Hybrid file: the stream's entries complete the table's.
                var extra = ReadSection(hybrid.LongValue);
                foreach (var (k, v) in extra.Entries)
                {
                    section.Entries.TryAdd(k, v);
                }
            }

            next = section.Trailer["Prev"] is PdfNumber p ? p.LongValue : -1;
        }

        // Newest definition wins; an object freed in a newer section stays freed.
        var freed = new HashSet<int>();
        foreach (var sec in Sections)
        {
            foreach (var (num, e) in sec.Entries)
            {
                if (!freed.Contains(num))
                {
                    Xref.TryAdd(num, e);
                }
            }

            freed.UnionWith(sec.Freed.Where(n => !Xref.ContainsKey(n)));
        }

        Size = Sections.Max(x => x.Trailer["Size"] is PdfNumber n ? n.IntValue : 0);
        Size = Math.Max(Size, Xref.Count == 0 ? 1 : Xref.Keys.Max() + 1);
        if (Trailer["Root"] is not PdfReference)
        {
            throw new PdfFormatException("trailer has no /Root");
        }
    }

    private XrefSection ReadSection(long offset)
    {
        var lx = new PdfLexer(Data) { Position = (int)offset };
        lx.SkipWhite();
        if (lx.TryReadKeyword("xref"))
        {
            var entries = new Dictionary<int, XrefEntry>();
            var freed = new HashSet<int>();
            var s = Data.Span;
            while (true)
            {
                var save = lx.Position;
                var tok = lx.ReadToken();
                if (tok == "trailer")
                {
                    break;
                }

                if (!int.TryParse(tok, out var start))
                {
                    lx.Position = save;
                    throw new PdfFormatException($"bad xref table at {save}");
                }

                var count = (int)lx.ReadLong();
                lx.SkipWhite();
                for (var i = 0; i < count; i++)
                {
                    // Fast path for the standard "oooooooooo ggggg n" entry; anything odd goes through the tokenizer.
                    var p0 = lx.Position;
                    if (p0 + 18 <= s.Length && s[p0 + 10] == ' ' && s[p0 + 16] == ' ' && (s[p0 + 17] == 'n' || s[p0 + 17] == 'f')
                        && TryDigits(s.Slice(p0, 10), out var fastOff) && TryDigits(s.Slice(p0 + 11, 5), out var fastGen))
                    {
                        if (s[p0 + 17] == 'n')
                        {
                            if (fastOff > 0)
                            {
                                entries[start + i] = new XrefEntry(fastOff, (int)fastGen, 0, 0);
                            }
                        }
                        else
                        {
                            freed.Add(start + i);
                        }

                        lx.Position = p0 + 18;
                        lx.SkipWhite();
                        continue;
                    }

                    var off = lx.ReadLong();
                    var gen = (int)lx.ReadLong();
                    var kind = lx.ReadToken();
                    if (kind == "n")
                    {
                        if (off > 0)
                        {
                            entries[start + i] = new XrefEntry(off, gen, 0, 0);
                        }
                    }
                    else if (kind == "f")
                    {
                        freed.Add(start + i);
                    }
                    else
                    {
                        throw new PdfFormatException($"bad xref entry at {lx.Position}");
                    }
                }

                _ = s;
            }

            if (lx.ReadObject() is not PdfDictionary trailer)
            {
                throw new PdfFormatException("trailer is not a dictionary");
            }

            var sec = new XrefSection { Offset = offset, IsStream = false, Trailer = trailer };
            foreach (var (k, v) in entries)
            {
                sec.Entries[k] = v;
            }

            sec.Freed.UnionWith(freed);
            return sec;
        }

        var (_, _, obj) = lx.ReadIndirectObject(ResolveLengthDuringXref);
        if (obj is not PdfStream xs || xs.NameOf("Type") != "XRef")
        {
            throw new PdfFormatException($"no xref at offset {offset}");
        }

        var section = new XrefSection { Offset = offset, IsStream = true, Trailer = xs };
        var data = DecodeStream(xs);
        var w = ((PdfArray)xs["W"]!).Items.Select(x => ((PdfNumber)x).IntValue).ToArray();
        var size = ((PdfNumber)xs["Size"]!).IntValue;
        var index = xs["Index"] is PdfArray ia ? ia.Items.Select(x => ((PdfNumber)x).IntValue).ToArray() : [0, size];
        var rowLen = w.Sum();
        var pos = 0;
        for (var k = 0; k + 1 < index.Length; k += 2)
        {
            for (var i = 0; i < index[k + 1]; i++)
            {
                if (pos + rowLen > data.Length)
                {
                    throw new PdfFormatException("xref stream too short");
                }

                var type = w[0] == 0 ? 1 : (int)ReadBe(data, pos, w[0]);
                var f2 = ReadBe(data, pos + w[0], w[1]);
                var f3 = ReadBe(data, pos + w[0] + w[1], w[2]);
                pos += rowLen;
                var num = index[k] + i;
                switch (type)
                {
                    case 0: section.Freed.Add(num); break;
                    case 1: section.Entries[num] = new XrefEntry(f2, (int)f3, 0, 0); break;
                    case 2: section.Entries[num] = new XrefEntry(0, 0, (int)f2, (int)f3); break;
                }
            }
        }

        return section;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        foreach (var b in s)
        {
            if (b < '0' || b > '9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private PdfObject ResolveLengthDuringXref(PdfObject o) => o is PdfReference r && Xref.ContainsKey(r.Number) ? Resolve(r) : o;

    private static long ReadBe(byte[] d, int pos, int n)
    {
        long v = 0;
        for (var i = 0; i < n; i++)
        {
            v = (v << 8) | d[pos + i];
        }

        return v;
    }

    public PdfObject Resolve(PdfObject? o)
    {
        if (o is PdfReference r)
        {
            return GetObject(r.Number) ?? PdfNull.Instance;
        }

        return o ?? PdfNull.Instance;
    }

    public PdfDictionary? ResolveDict(PdfObject? o) => Resolve(o) as PdfDictionary;

    public bool Exists(int number) => Xref.ContainsKey(number);

    public PdfObject? GetObject(int number)
    {
        if (_cache.TryGetValue(number, out var cached))
        {
            return cached;
        }

        if (!Xref.TryGetValue(number, out var e))
        {
            return null;
        }

        PdfObject value;
        if (e.InObjectStream)
        {
            value = ReadFromObjectStream(e.StreamNumber, e.IndexInStream, number);
        }
        else
        {
            if (e.Offset >= Data.Length)
            {
                throw new PdfFormatException($"object {number} points past the end of the file");
            }

            var lx = new PdfLexer(Data) { Position = (int)e.Offset };
            var (n, _, v) = lx.ReadIndirectObject(Resolve);
            if (n != number)
            {
                throw new PdfFormatException($"xref for object {number} points at object {n}");
            }

            value = v;
        }

        _cache[number] = value;
        return value;
    }

    private PdfObject ReadFromObjectStream(int streamNumber, int index, int number)
    {
        if (!_objStreams.TryGetValue(streamNumber, out var os))
        {
            if (GetObject(streamNumber) is not PdfStream st)
            {
                throw new PdfFormatException($"object stream {streamNumber} missing");
            }

            var bytes = DecodeStream(st);
            var n = ((PdfNumber)st["N"]!).IntValue;
            var first = ((PdfNumber)st["First"]!).IntValue;
            var lx = new PdfLexer(bytes);
            var nums = new int[n];
            var offs = new int[n];
            for (var i = 0; i < n; i++)
            {
                nums[i] = (int)lx.ReadLong();
                offs[i] = (int)lx.ReadLong();
            }

            os = (lx, offs, nums, first);
            _objStreams[streamNumber] = os;
        }

        if (index >= os.Offsets.Length || os.Numbers[index] != number)
        {
            index = Array.IndexOf(os.Numbers, number);
            if (index < 0)
            {
                throw new PdfFormatException($"object {number} not in object stream {streamNumber}");
            }
        }

        os.Lexer.Position = os.First + os.Offsets[index];
        return os.Lexer.ReadObject();
    }

    /// <summary>Decodes a stream's data (FlateDecode with PNG predictors; other filters are refused).</summary>
    public byte[] DecodeStream(PdfStream st)
    {
        var filter = Resolve(st["Filter"]);
        var filters = filter switch
        {
            PdfName n => [n.Value],
            PdfArray a => a.Items.Select(x => ((PdfName)x).Value).ToArray(),
            _ => Array.Empty<string>(),
        };
        var bytes = st.Raw.ToArray();
        if (filters.Length == 0)
        {
            return bytes;
        }

        if (filters.Length != 1 || filters[0] is not ("FlateDecode" or "Fl"))
        {
            throw new PdfFormatException($"unsupported filter {string.Join(",", filters)}");
        }

        bytes = Inflate(bytes);
        var parms = ResolveDict(st["DecodeParms"]) ?? (Resolve(st["DecodeParms"]) is PdfArray pa ? ResolveDict(pa.Items[0]) : null);
        if (parms?["Predictor"] is PdfNumber pred && pred.IntValue >= 10)
        {
            var cols = parms["Columns"] is PdfNumber c ? c.IntValue : 1;
            var colors = parms["Colors"] is PdfNumber co ? co.IntValue : 1;
            var bpc = parms["BitsPerComponent"] is PdfNumber b ? b.IntValue : 8;
            bytes = PngUnpredict(bytes, (cols * colors * bpc + 7) / 8, Math.Max(1, colors * bpc / 8));
        }

        return bytes;
    }

    public static byte[] Inflate(byte[] bytes)
    {
        // Skip the two-byte zlib header and inflate raw: tolerant of a missing Adler-32 (PDFsharp, NOTES).
        using var input = new MemoryStream(bytes, 2, Math.Max(0, bytes.Length - 2));
        using var z = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        try
        {
            z.CopyTo(output);
        }
        catch (InvalidDataException) when (output.Length > 0)
        {
            // Keep what was decoded; trailing junk after the deflate data is common.
        }

        return output.ToArray();
    }

    public static byte[] Deflate(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Fastest))
        {
            z.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] PngUnpredict(byte[] data, int rowBytes, int bpp)
    {
        var rows = data.Length / (rowBytes + 1);
        var result = new byte[rows * rowBytes];
        var prev = new byte[rowBytes];
        for (var r = 0; r < rows; r++)
        {
            var type = data[r * (rowBytes + 1)];
            var src = r * (rowBytes + 1) + 1;
            var row = result.AsSpan(r * rowBytes, rowBytes);
            for (var i = 0; i < rowBytes; i++)
            {
                var x = data[src + i];
                var a = i >= bpp ? row[i - bpp] : 0;
                var b = prev[i];
                var c = i >= bpp ? prev[i - bpp] : 0;
                row[i] = type switch
                {
                    0 => x,
                    1 => (byte)(x + a),
                    2 => (byte)(x + b),
                    3 => (byte)(x + ((a + b) >> 1)),
                    4 => (byte)(x + Paeth(a, b, c)),
                    _ => throw new PdfFormatException($"bad PNG predictor {type}"),
                };
            }

            row.CopyTo(prev);
        }

        return result;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    public PdfDictionary Catalog => ResolveDict(Trailer["Root"]) ?? throw new PdfFormatException("catalog missing");

    public PdfReference RootRef => (PdfReference)Trailer["Root"]!;

    /// <summary>Page count from the page tree root's /Count.</summary>
    public int PageCount => ResolveDict(Catalog["Pages"]) is { } pages && Resolve(pages["Count"]) is PdfNumber n ? n.IntValue : 0;

    /// <summary>Page references in order; walks the page tree (page dicts are read, their content is not).</summary>
    public List<PdfReference> GetPageRefs()
    {
        var result = new List<PdfReference>();
        if (Catalog["Pages"] is not PdfReference root)
        {
            throw new PdfFormatException("catalog has no /Pages");
        }

        var visited = new HashSet<int>();
        void Walk(PdfReference r)
        {
            if (!visited.Add(r.Number))
            {
                throw new PdfFormatException("page tree has a cycle");
            }

            var d = ResolveDict(r) ?? throw new PdfFormatException($"page tree node {r.Number} missing");
            if (d.NameOf("Type") == "Pages" || d.ContainsKey("Kids"))
            {
                if (Resolve(d["Kids"]) is PdfArray kids)
                {
                    foreach (var k in kids.Items.OfType<PdfReference>())
                    {
                        Walk(k);
                    }
                }
            }
            else
            {
                result.Add(r);
            }
        }

        Walk(root);
        return result;
    }

    /// <summary>
    /// The page at a 0-based index, descending the tree by /Count so only the nodes on the way are read
    /// (a 2,000-page file costs the same as a 10-page one).
    /// </summary>
    public PdfReference GetPageRef(int index)
    {
        var node = ResolveDict(Catalog["Pages"]) ?? throw new PdfFormatException("catalog has no /Pages");
        var remaining = index;
        for (var depth = 0; depth < 64; depth++)
        {
            var kids = Resolve(node["Kids"]) as PdfArray ?? throw new PdfFormatException("page tree node without /Kids");
            // A node whose /Count equals its number of kids holds only leaves: index straight in.
            if (Resolve(node["Count"]) is PdfNumber c && c.IntValue == kids.Count && remaining < kids.Count
                && kids[remaining] is PdfReference direct && ResolveDict(direct) is { } leaf && !IsPagesNode(leaf))
            {
                return direct;
            }

            var descended = false;
            foreach (var kid in kids.Items)
            {
                var d = ResolveDict(kid) ?? throw new PdfFormatException("page tree kid missing");
                if (IsPagesNode(d))
                {
                    var count = Resolve(d["Count"]) is PdfNumber n ? n.IntValue : 0;
                    if (remaining < count)
                    {
                        node = d;
                        descended = true;
                        break;
                    }

                    remaining -= count;
                }
                else if (remaining-- == 0)
                {
                    return kid as PdfReference ?? throw new PdfFormatException("page is not an indirect object");
                }
            }

            if (!descended)
            {
                break;
            }
        }

        throw new PdfFormatException($"page {index + 1} not found in the page tree");
    }

    private static bool IsPagesNode(PdfDictionary d) => d.NameOf("Type") == "Pages" || (d.NameOf("Type") != "Page" && d.ContainsKey("Kids"));

    /// <summary>An inherited page attribute (MediaBox, CropBox, Rotate, Resources).</summary>
    public PdfObject? Inherited(PdfDictionary page, string key)
    {
        var d = page;
        for (var depth = 0; d is not null && depth < 64; depth++)
        {
            if (d[key] is { } v)
            {
                return Resolve(v);
            }

            d = ResolveDict(d["Parent"]);
        }

        return null;
    }

    public static int ReadInt32Be(ReadOnlySpan<byte> s) => BinaryPrimitives.ReadInt32BigEndian(s);
}
