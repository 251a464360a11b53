using System.Buffers.Binary;

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

    /// <summary>A copy whose entries can be completed without changing this one.</summary>
    public XrefSection Copy()
    {
        var c = new XrefSection { Offset = Offset, IsStream = IsStream, Trailer = Trailer };
        foreach (var (k, v) in Entries)
        {
            c.Entries[k] = v;
        }

        c.Freed.UnionWith(Freed);
        return c;
    }
}

/// <summary>
/// What the views of one upload (the whole file and each revision's prefix, <see cref="PdfFile.Open(ReadOnlyMemory{byte}, PdfBudget, PdfViewCache)"/>)
/// share: an object or cross-reference section read at a byte offset is the same in every view whose data holds all the
/// bytes its reading looked at, so it is parsed once per upload instead of once per revision. Not thread-safe (one upload,
/// one caller).
/// </summary>
internal sealed class PdfViewCache
{
    /// <summary>Objects at a byte offset whose reading needed no other object (a direct /Length), with the offset reading ended at.</summary>
    public Dictionary<long, (int Number, PdfObject Value, int End)> Objects { get; } = [];

    /// <summary>Cross-reference sections as read at an offset (before a hybrid file's stream is merged in), with where reading ended.</summary>
    public Dictionary<long, (XrefSection Section, int End)> Sections { get; } = [];

    /// <summary>Decoded object streams, by the stream object (shared through <see cref="Objects"/>).</summary>
    public Dictionary<PdfStream, (PdfLexer Lexer, int[] Offsets, int[] Numbers, int First)> ObjectStreams { get; } = new(ReferenceEqualityComparer.Instance);
}

/// <summary>
/// A lazily-read PDF: only the xref chain is parsed on open; objects are read when asked for. This is
/// what keeps signing cost proportional to what we touch, not to the size of the file. Every read is charged to
/// a <see cref="PdfBudget"/>, and an object whose reading needs itself (a /Length pointing at its own stream, an
/// object stream inside itself) is refused instead of recursing.
/// </summary>
internal sealed class PdfFile
{
    private const int MaxResolveDepth = 32;
    private readonly Dictionary<int, PdfObject> _cache = [];
    private readonly Dictionary<int, (PdfLexer Lexer, int[] Offsets, int[] Numbers, int First)> _objStreams = [];
    private readonly HashSet<int> _reading = [];
    private readonly PdfViewCache? _shared;
    private PdfPageTree? _pages;

    private PdfFile(ReadOnlyMemory<byte> data, PdfBudget budget, PdfViewCache? shared)
    {
        Data = data;
        Budget = budget;
        _shared = shared;
    }

    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The limits and running costs of the upload this file was read from.</summary>
    public PdfBudget Budget { get; }
    public long StartXref { get; private set; }

    /// <summary>Sections newest first (the order of the /Prev chain).</summary>
    public List<XrefSection> Sections { get; } = [];

    public Dictionary<int, XrefEntry> Xref { get; } = [];
    public PdfDictionary Trailer => Sections[0].Trailer;
    public bool LatestIsXrefStream => Sections[0].IsStream;
    public int Size { get; private set; }

    public static PdfFile Open(ReadOnlyMemory<byte> data, PdfBudget? budget = null)
    {
        var f = new PdfFile(data, budget ?? PdfBudget.Fresh(), null);
        f.ReadXrefChain();
        return f;
    }

    /// <summary>Opens one view of an upload whose other views share <paramref name="shared"/> (the whole file and its revisions' prefixes).</summary>
    public static PdfFile Open(ReadOnlyMemory<byte> data, PdfBudget budget, PdfViewCache shared)
    {
        var f = new PdfFile(data, budget, shared);
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

            if (Sections.Count >= Budget.Limits.MaxXrefSections)
            {
                throw new PdfLimitException($"more than {Budget.Limits.MaxXrefSections} cross-reference sections");
            }

            Budget.CheckTime();

            var section = SectionAt(next);
            Sections.Add(section);
            if (section.Trailer["XRefStm"] is PdfNumber hybrid && hybrid.LongValue > 0 && hybrid.LongValue < s.Length && seen.Add(hybrid.LongValue))
            {
                // Hybrid file: the stream's entries complete the table's (in this view's copy: the cached section stays as read).
                var extra = SectionAt(hybrid.LongValue);
                section = section.Copy();
                Sections[^1] = section;
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

        if (Xref.Count > Budget.Limits.MaxObjects)
        {
            throw new PdfLimitException($"the cross-reference data lists more than {Budget.Limits.MaxObjects} objects");
        }

        Size = Sections.Max(x => x.Trailer["Size"] is PdfNumber n ? Math.Clamp(n.IntValue, 0, Budget.Limits.MaxObjects) : 0);
        Size = Math.Max(Size, Xref.Count == 0 ? 1 : Xref.Keys.Max() + 1);
        if (Trailer["Root"] is not PdfReference)
        {
            throw new PdfFormatException("trailer has no /Root");
        }
    }

    /// <summary>The section at <paramref name="offset"/>, from the shared cache when its bytes all lie in this view.</summary>
    private XrefSection SectionAt(long offset)
    {
        if (_shared is null)
        {
            return ReadSection(offset, out _);
        }

        if (_shared.Sections.TryGetValue(offset, out var known) && known.End <= Data.Length)
        {
            return known.Section;
        }

        var section = ReadSection(offset, out var end);
        if (end >= 0)
        {
            _shared.Sections[offset] = (section, end);
        }

        return section;
    }

    /// <summary>Reads a section; <paramref name="end"/> is where reading stopped, or -1 when it needed another object (not shareable).</summary>
    private XrefSection ReadSection(long offset, out int end)
    {
        end = -1;
        var lx = new PdfLexer(Data, Budget) { Position = (int)offset };
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

                var count = lx.ReadLong();
                if (start < 0 || count < 0 || start + count > Budget.Limits.MaxObjects || entries.Count + count > Budget.Limits.MaxObjects)
                {
                    throw new PdfLimitException($"the cross-reference table lists more than {Budget.Limits.MaxObjects} objects");
                }

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
            end = lx.Position;
            return sec;
        }

        var resolved = false;
        var (_, _, obj) = lx.ReadIndirectObject(o =>
        {
            resolved |= o is PdfReference;
            return ResolveLengthDuringXref(o);
        });
        end = !resolved && lx.TryReadKeyword("endobj") ? lx.Position : -1;
        if (obj is not PdfStream xs || xs.NameOf("Type") != "XRef")
        {
            throw new PdfFormatException($"no xref at offset {offset}");
        }

        var section = new XrefSection { Offset = offset, IsStream = true, Trailer = xs };
        var data = DecodeStream(xs);
        var w = (xs["W"] as PdfArray)?.Items.Select(x => (x as PdfNumber)?.IntValue ?? -1).ToArray() ?? [];
        var size = (xs["Size"] as PdfNumber)?.IntValue ?? -1;
        var index = xs["Index"] is PdfArray ia ? ia.Items.Select(x => (x as PdfNumber)?.IntValue ?? -1).ToArray() : [0, size];
        if (w.Length != 3 || w.Any(x => x is < 0 or > 8) || index.Any(x => x < 0) || index.Length % 2 != 0)
        {
            throw new PdfFormatException("bad /W, /Size or /Index in a cross-reference stream");
        }

        if (index.Where((_, i) => i % 2 == 1).Sum(x => (long)x) > Budget.Limits.MaxObjects || index.Where((_, i) => i % 2 == 0).Any(x => x > Budget.Limits.MaxObjects))
        {
            throw new PdfLimitException($"the cross-reference stream lists more than {Budget.Limits.MaxObjects} objects");
        }

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
                    case 1 when f2 > 0: section.Entries[num] = new XrefEntry(f2, (int)f3, 0, 0); break;
                    case 2 when f2 is > 0 and <= int.MaxValue && f3 is >= 0 and <= int.MaxValue: section.Entries[num] = new XrefEntry(0, 0, (int)f2, (int)f3); break;
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

        // Reading an object may need others (a /Length, the object stream holding it); needing itself is a loop.
        if (!_reading.Add(number))
        {
            throw new PdfFormatException($"object {number} refers to itself while it is being read");
        }

        if (_reading.Count > MaxResolveDepth)
        {
            throw new PdfLimitException($"objects refer to each other more than {MaxResolveDepth} deep while being read");
        }

        try
        {
            // Each read may scan far for a lost "endstream": the clock is checked per object, not only per thousands of tokens.
            Budget.CheckTime();
            var value = ReadObjectAt(number, e);
            _cache[number] = value;
            return value;
        }
        finally
        {
            _reading.Remove(number);
        }
    }

    private PdfObject ReadObjectAt(int number, XrefEntry e)
    {
        PdfObject value;
        if (e.InObjectStream)
        {
            value = ReadFromObjectStream(e.StreamNumber, e.IndexInStream, number);
        }
        else
        {
            if (e.Offset >= Data.Length || e.Offset < 0)
            {
                throw new PdfFormatException($"object {number} points past the end of the file");
            }

            if (_shared is not null && _shared.Objects.TryGetValue(e.Offset, out var known) && known.End <= Data.Length && known.Number == number)
            {
                return known.Value;
            }

            var lx = new PdfLexer(Data, Budget) { Position = (int)e.Offset };
            var resolved = false;
            var (n, _, v) = lx.ReadIndirectObject(o =>
            {
                resolved |= o is PdfReference;
                return Resolve(o);
            });
            if (n != number)
            {
                throw new PdfFormatException($"xref for object {number} points at object {n}");
            }

            value = v;
            // Shared only when its "endobj" lies in this view too: every byte its reading looked at (the peek for "stream"
            // after a dictionary, a search for "endstream") is then the same in any view that holds that far.
            if (_shared is not null && !resolved && lx.TryReadKeyword("endobj"))
            {
                _shared.Objects[e.Offset] = (n, v, lx.Position);
            }
        }

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

            if (_shared is not null && _shared.ObjectStreams.TryGetValue(st, out os))
            {
                _objStreams[streamNumber] = os;
                return ReadFromObjectStream(streamNumber, index, number);
            }

            var bytes = DecodeStream(st);
            var n = (Resolve(st["N"]) as PdfNumber)?.IntValue ?? -1;
            var first = (Resolve(st["First"]) as PdfNumber)?.IntValue ?? -1;
            // Each entry takes at least four bytes ("1 0 "), so /N beyond that is a lie meant to allocate.
            if (n < 0 || first < 0 || first > bytes.Length || n > bytes.Length / 4 + 1)
            {
                throw new PdfFormatException($"bad /N or /First in object stream {streamNumber}");
            }

            var lx = new PdfLexer(bytes, Budget);
            var nums = new int[n];
            var offs = new int[n];
            for (var i = 0; i < n; i++)
            {
                nums[i] = (int)lx.ReadLong();
                offs[i] = (int)lx.ReadLong();
            }

            os = (lx, offs, nums, first);
            _objStreams[streamNumber] = os;
            if (_shared is not null)
            {
                _shared.ObjectStreams[st] = os;
            }
        }

        if (index >= os.Offsets.Length || os.Numbers[index] != number)
        {
            index = Array.IndexOf(os.Numbers, number);
            if (index < 0)
            {
                throw new PdfFormatException($"object {number} not in object stream {streamNumber}");
            }
        }

        var at = (long)os.First + os.Offsets[index];
        if (os.Offsets[index] < 0 || at >= os.Lexer.Length)
        {
            throw new PdfFormatException($"object {number} lies outside object stream {streamNumber}");
        }

        os.Lexer.Position = (int)at;
        return os.Lexer.ReadObject();
    }

    /// <summary>Decodes a stream's data under this document's budget (see <see cref="PdfFilters"/>).</summary>
    public byte[] DecodeStream(PdfStream st) => PdfFilters.Decode(st, Resolve, Budget);

    public PdfDictionary Catalog => ResolveDict(Trailer["Root"]) ?? throw new PdfFormatException("catalog missing");

    public PdfReference RootRef => (PdfReference)Trailer["Root"]!;

    /// <summary>The page tree (walked iteratively, loops refused).</summary>
    public PdfPageTree Pages => _pages ??= new PdfPageTree(this);

    public static int ReadInt32Be(ReadOnlySpan<byte> s) => BinaryPrimitives.ReadInt32BigEndian(s);
}
