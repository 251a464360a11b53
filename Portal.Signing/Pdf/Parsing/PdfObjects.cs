using System.Globalization;
using System.Text;

namespace Portal.Signing.Pdf.Parsing;

// A minimal PDF object model: enough to read the structure of any file and to write the objects of
// an incremental update. Numbers keep their source text so rewritten objects stay byte-faithful.

/// <summary>A PDF object read from, or written to, a file.</summary>
internal abstract class PdfObject
{
    public abstract void WriteTo(PdfWriter w);

    public override string ToString()
    {
        var w = new PdfWriter();
        WriteTo(w);
        return Encoding.Latin1.GetString(w.ToArray());
    }
}

internal sealed class PdfNull : PdfObject
{
    public static readonly PdfNull Instance = new();
    public override void WriteTo(PdfWriter w) => w.Token("null");
}

internal sealed class PdfBool(bool value) : PdfObject
{
    public bool Value { get; } = value;
    public override void WriteTo(PdfWriter w) => w.Token(Value ? "true" : "false");
}

internal sealed class PdfNumber : PdfObject
{
    private readonly string? _raw;

    public PdfNumber(double value) => Value = value;

    public PdfNumber(double value, string raw)
    {
        Value = value;
        _raw = raw;
    }

    public double Value { get; }
    public int IntValue => (int)Value;
    public long LongValue => (long)Value;

    public override void WriteTo(PdfWriter w) => w.Token(_raw ?? Format(Value));

    public static string Format(double v)
    {
        if (Math.Abs(v - Math.Round(v)) < 1e-9 && Math.Abs(v) < 1e15)
        {
            return ((long)Math.Round(v)).ToString(CultureInfo.InvariantCulture);
        }

        var s = v.ToString("0.#####", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }
}

internal sealed class PdfName(string value) : PdfObject
{
    public string Value { get; } = value;

    public override void WriteTo(PdfWriter w)
    {
        var sb = new StringBuilder("/");
        foreach (var b in Encoding.UTF8.GetBytes(Value))
        {
            if (b < 0x21 || b > 0x7e || b == '#' || "()<>[]{}/%".IndexOf((char)b) >= 0)
            {
                sb.Append('#').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)b);
            }
        }

        w.Token(sb.ToString());
    }

    public override bool Equals(object? obj) => obj is PdfName n && n.Value == Value;
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
}

internal sealed class PdfString(byte[] value, bool hex = false) : PdfObject
{
    public byte[] Value { get; } = value;
    public bool Hex { get; } = hex;

    public static PdfString FromText(string s)
    {
        // PDFDocEncoding covers ASCII; anything else goes out as UTF-16BE with a BOM.
        if (s.All(c => c < 0x7f))
        {
            return new PdfString(Encoding.ASCII.GetBytes(s));
        }

        var bytes = new byte[] { 0xFE, 0xFF }.Concat(Encoding.BigEndianUnicode.GetBytes(s)).ToArray();
        return new PdfString(bytes, hex: true);
    }

    public string Text
    {
        get
        {
            if (Value.Length >= 2 && Value[0] == 0xFE && Value[1] == 0xFF)
            {
                return Encoding.BigEndianUnicode.GetString(Value, 2, Value.Length - 2);
            }

            return Encoding.Latin1.GetString(Value);
        }
    }

    public override void WriteTo(PdfWriter w)
    {
        if (Hex)
        {
            w.Raw("<" + Convert.ToHexString(Value) + ">");
            return;
        }

        var sb = new StringBuilder("(");
        foreach (var b in Value)
        {
            switch (b)
            {
                case (byte)'(': sb.Append("\\("); break;
                case (byte)')': sb.Append("\\)"); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                default:
                    if (b < 0x20 || b > 0x7e)
                    {
                        sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    }
                    else
                    {
                        sb.Append((char)b);
                    }

                    break;
            }
        }

        w.Raw(sb.Append(')').ToString());
    }
}

internal sealed class PdfArray : PdfObject
{
    public PdfArray() => Items = [];

    public PdfArray(IEnumerable<PdfObject> items) => Items = [.. items];

    public List<PdfObject> Items { get; }
    public int Count => Items.Count;
    public PdfObject this[int i] => Items[i];

    public static PdfArray Of(params double[] values) => new(values.Select(v => (PdfObject)new PdfNumber(v)));

    public override void WriteTo(PdfWriter w)
    {
        w.Raw("[");
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                w.Raw(" ");
            }

            Items[i].WriteTo(w);
        }

        w.Raw("]");
    }
}

internal class PdfDictionary : PdfObject
{
    public PdfDictionary() => Entries = [];

    public PdfDictionary(PdfDictionary copyOf) => Entries = new List<KeyValuePair<string, PdfObject>>(copyOf.Entries);

    // Ordered, so a rewritten object keeps its key order (easier to diff, and what qpdf expects to see).
    public List<KeyValuePair<string, PdfObject>> Entries { get; }

    public PdfObject? this[string key]
    {
        get
        {
            foreach (var e in Entries)
            {
                if (e.Key == key)
                {
                    return e.Value;
                }
            }

            return null;
        }
        set
        {
            var i = Entries.FindIndex(e => e.Key == key);
            if (value is null)
            {
                if (i >= 0)
                {
                    Entries.RemoveAt(i);
                }
            }
            else if (i >= 0)
            {
                Entries[i] = new(key, value);
            }
            else
            {
                Entries.Add(new(key, value));
            }
        }
    }

    public bool ContainsKey(string key) => Entries.Exists(e => e.Key == key);

    public PdfDictionary Set(string key, PdfObject value)
    {
        this[key] = value;
        return this;
    }

    public string? NameOf(string key) => (this[key] as PdfName)?.Value;

    public override void WriteTo(PdfWriter w)
    {
        w.Raw("<<");
        foreach (var e in Entries)
        {
            new PdfName(e.Key).WriteTo(w);
            w.Raw(" ");
            e.Value.WriteTo(w);
        }

        w.Raw(">>");
    }
}

/// <summary>A stream: its dictionary plus its raw (still encoded) bytes.</summary>
internal sealed class PdfStream : PdfDictionary
{
    public PdfStream(PdfDictionary dict, ReadOnlyMemory<byte> raw)
        : base(dict) => Raw = raw;

    public ReadOnlyMemory<byte> Raw { get; set; }

    public override void WriteTo(PdfWriter w)
    {
        this["Length"] = new PdfNumber(Raw.Length);
        base.WriteTo(w);
        w.Raw("\nstream\n");
        w.Bytes(Raw.Span);
        w.Raw("\nendstream");
    }
}

internal sealed class PdfReference(int number, int generation) : PdfObject
{
    public int Number { get; } = number;
    public int Generation { get; } = generation;

    public override void WriteTo(PdfWriter w) =>
        w.Token(string.Create(CultureInfo.InvariantCulture, $"{Number} {Generation} R"));

    public override bool Equals(object? obj) => obj is PdfReference r && r.Number == Number && r.Generation == Generation;
    public override int GetHashCode() => HashCode.Combine(Number, Generation);
}

/// <summary>Appends PDF syntax to a growable buffer, inserting a space only where tokens would merge.</summary>
internal sealed class PdfWriter
{
    private byte[] _buf;

    public PdfWriter(int capacity = 4096) => _buf = new byte[capacity];

    public int Length { get; private set; }

    public void Raw(string s)
    {
        Ensure(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            _buf[Length++] = (byte)s[i];
        }
    }

    public void Token(string s)
    {
        if (Length > 0 && !IsDelimiterOrSpace(_buf[Length - 1]))
        {
            Raw(" ");
        }

        Raw(s);
    }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buf.AsSpan(Length));
        Length += bytes.Length;
    }

    public byte[] ToArray() => _buf.AsSpan(0, Length).ToArray();

    public ReadOnlySpan<byte> Span => _buf.AsSpan(0, Length);

    private static bool IsDelimiterOrSpace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'
        or (byte)'[' or (byte)'(' or (byte)'<' or (byte)'>' or (byte)']' or (byte)')' or (byte)'{' or (byte)'}';

    private void Ensure(int n)
    {
        if (Length + n > _buf.Length)
        {
            Array.Resize(ref _buf, Math.Max(_buf.Length * 2, Length + n));
        }
    }
}
