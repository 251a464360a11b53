using System.Globalization;
using System.Text;

namespace Portal.Signing.Pdf.Parsing;

/// <summary>Thrown when the bytes are not a PDF we can read; callers turn it into a SigningException.</summary>
internal class PdfFormatException(string message) : Exception(message);

/// <summary>
/// Parses PDF objects from a byte buffer at a given position. Nesting is bounded (the recursion of
/// <see cref="ReadObject"/> cannot exhaust the stack) and every object read is charged to the document's budget.
/// </summary>
internal sealed class PdfLexer(ReadOnlyMemory<byte> data, PdfBudget? budget = null)
{
    private readonly ReadOnlyMemory<byte> _data = data;
    private readonly PdfBudget _budget = budget ?? PdfBudget.Fresh();
    private int _depth;

    public int Position { get; set; }
    public int Length => _data.Length;
    private ReadOnlySpan<byte> S => _data.Span;

    public static bool IsWhite(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'['
        or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    public void SkipWhite()
    {
        var s = S;
        while (Position < s.Length)
        {
            var b = s[Position];
            if (IsWhite(b))
            {
                Position++;
            }
            else if (b == '%')
            {
                while (Position < s.Length && s[Position] != '\n' && s[Position] != '\r')
                {
                    Position++;
                }
            }
            else
            {
                break;
            }
        }
    }

    /// <summary>Reads a bare keyword or number token (no delimiters).</summary>
    public string ReadToken()
    {
        SkipWhite();
        var s = S;
        var start = Position;
        while (Position < s.Length && !IsWhite(s[Position]) && !IsDelimiter(s[Position]))
        {
            Position++;
        }

        return Encoding.Latin1.GetString(s[start..Position]);
    }

    public bool TryReadKeyword(string keyword)
    {
        var save = Position;
        if (ReadToken() == keyword)
        {
            return true;
        }

        Position = save;
        return false;
    }

    public long ReadLong()
    {
        var t = ReadToken();
        if (!long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            throw new PdfFormatException($"expected an integer at {Position}, found '{t}'");
        }

        return v;
    }

    /// <summary>Reads "n g obj" and the object after it; a stream's data is sliced, not copied.</summary>
    public (int Number, int Generation, PdfObject Value) ReadIndirectObject(Func<PdfObject, PdfObject>? resolveLength = null)
    {
        var num = (int)ReadLong();
        var gen = (int)ReadLong();
        if (ReadToken() != "obj")
        {
            throw new PdfFormatException($"expected 'obj' for object {num} at {Position}");
        }

        var value = ReadObject();
        if (value is PdfDictionary dict)
        {
            var save = Position;
            if (TryReadKeyword("stream"))
            {
                var s = S;
                // The keyword is followed by CRLF or LF (some writers emit a bare CR).
                if (Position < s.Length && s[Position] == '\r')
                {
                    Position++;
                }

                if (Position < s.Length && s[Position] == '\n')
                {
                    Position++;
                }

                var lengthObj = dict["Length"] ?? throw new PdfFormatException($"stream {num} has no /Length");
                if (resolveLength is not null)
                {
                    lengthObj = resolveLength(lengthObj);
                }

                // A /Length that is missing, absurd or wrong is recovered by looking for "endstream", never trusted blindly.
                var declared = (lengthObj as PdfNumber)?.Value ?? -1;
                var length = declared >= 0 && declared <= s.Length - Position ? (int)declared : -1;
                if (length < 0 || !EndstreamFollows(Position + length))
                {
                    length = FindEndstream(Position) - Position;
                }

                value = new PdfStream(dict, _data.Slice(Position, length));
                Position += length;
                TryReadKeyword("endstream");
            }
            else
            {
                Position = save;
            }
        }

        return (num, gen, value);
    }

    private bool EndstreamFollows(int pos)
    {
        var s = S;
        while (pos < s.Length && IsWhite(s[pos]))
        {
            pos++;
        }

        return s[pos..].StartsWith("endstream"u8);
    }

    private int FindEndstream(int from)
    {
        var idx = S[from..].IndexOf("endstream"u8);
        if (idx < 0)
        {
            throw new PdfFormatException("stream without endstream");
        }

        var end = from + idx;
        var s = S;
        if (end > from && s[end - 1] == '\n')
        {
            end--;
        }

        if (end > from && s[end - 1] == '\r')
        {
            end--;
        }

        return end;
    }

    public PdfObject ReadObject()
    {
        if (_depth >= _budget.Limits.MaxNesting)
        {
            throw new PdfLimitException($"arrays and dictionaries nest deeper than {_budget.Limits.MaxNesting} levels");
        }

        _depth++;
        try
        {
            _budget.CountObject();
            return ReadObjectCore();
        }
        finally
        {
            _depth--;
        }
    }

    private PdfObject ReadObjectCore()
    {
        SkipWhite();
        var s = S;
        if (Position >= s.Length)
        {
            throw new PdfFormatException("unexpected end of file");
        }

        var b = s[Position];
        switch (b)
        {
            case (byte)'/':
                return ReadName();
            case (byte)'(':
                return ReadLiteralString();
            case (byte)'[':
                {
                    Position++;
                    var arr = new PdfArray();
                    while (true)
                    {
                        SkipWhite();
                        if (Position >= s.Length)
                        {
                            throw new PdfFormatException("unterminated array");
                        }

                        if (s[Position] == ']')
                        {
                            Position++;
                            return arr;
                        }

                        arr.Items.Add(ReadObject());
                    }
                }

            case (byte)'<':
                if (Position + 1 < s.Length && s[Position + 1] == '<')
                {
                    Position += 2;
                    var dict = new PdfDictionary();
                    while (true)
                    {
                        SkipWhite();
                        if (Position >= s.Length)
                        {
                            throw new PdfFormatException("unterminated dictionary");
                        }

                        if (s[Position] == '>')
                        {
                            Position += 2;
                            return dict;
                        }

                        if (ReadObject() is not PdfName key)
                        {
                            throw new PdfFormatException($"dictionary key is not a name at {Position}");
                        }

                        var val = ReadObject();
                        if (val is not PdfNull)
                        {
                            dict[key.Value] = val;
                        }
                    }
                }

                return ReadHexString();
            default:
                {
                    var t = ReadToken();
                    if (t.Length == 0)
                    {
                        throw new PdfFormatException($"unexpected byte 0x{b:X2} at {Position}");
                    }

                    switch (t)
                    {
                        case "true": return new PdfBool(true);
                        case "false": return new PdfBool(false);
                        case "null": return PdfNull.Instance;
                    }

                    // Only PDF number syntax: double.TryParse alone would also take "NaN" and "Infinity".
                    if (!(char.IsAsciiDigit(t[0]) || t[0] is '-' or '+' or '.')
                        || !double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var num) || !double.IsFinite(num))
                    {
                        throw new PdfFormatException($"unexpected token '{t}' at {Position}");
                    }

                    // "n g R" is a reference: look ahead for two more tokens.
                    if (t.IndexOf('.') < 0 && t[0] != '-' && t[0] != '+')
                    {
                        var save = Position;
                        var g = ReadToken();
                        if (g.Length > 0 && g.All(char.IsAsciiDigit))
                        {
                            if (ReadToken() == "R")
                            {
                                return new PdfReference(int.Parse(t, CultureInfo.InvariantCulture), int.Parse(g, CultureInfo.InvariantCulture));
                            }
                        }

                        Position = save;
                    }

                    return new PdfNumber(num, t);
                }
        }
    }

    private PdfName ReadName()
    {
        var s = S;
        Position++;
        var bytes = new List<byte>();
        while (Position < s.Length && !IsWhite(s[Position]) && !IsDelimiter(s[Position]))
        {
            var c = s[Position++];
            if (c == '#' && Position + 1 < s.Length
                && byte.TryParse(Encoding.Latin1.GetString(s.Slice(Position, 2)), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h))
            {
                bytes.Add(h);
                Position += 2;
            }
            else
            {
                bytes.Add(c);
            }
        }

        return new PdfName(Encoding.UTF8.GetString(bytes.ToArray()));
    }

    private PdfString ReadHexString()
    {
        var s = S;
        Position++;
        // Fast path for the common case (a signature's /Contents is tens of kilobytes of hex): an even run of hex digits.
        var close = s[Position..].IndexOf((byte)'>');
        if (close >= 0 && close % 2 == 0 && !s.Slice(Position, close).ContainsAnyExcept(HexDigits))
        {
            var hex = s.Slice(Position, close);
            var value = new byte[close / 2];
            for (var i = 0; i < value.Length; i++)
            {
                value[i] = (byte)((HexVal(hex[2 * i]) << 4) | HexVal(hex[(2 * i) + 1]));
            }

            Position += close + 1;
            return new PdfString(value, hex: true);
        }

        var bytes = new List<byte>();
        var hi = -1;
        while (Position < s.Length && s[Position] != '>')
        {
            var v = HexVal(s[Position++]);
            if (v < 0)
            {
                continue;
            }

            if (hi < 0)
            {
                hi = v;
            }
            else
            {
                bytes.Add((byte)((hi << 4) | v));
                hi = -1;
            }
        }

        if (hi >= 0)
        {
            bytes.Add((byte)(hi << 4));
        }

        Position++;
        return new PdfString([.. bytes], hex: true);
    }

    private static readonly System.Buffers.SearchValues<byte> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF"u8);

    private static int HexVal(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private PdfString ReadLiteralString()
    {
        var s = S;
        Position++;
        var bytes = new List<byte>();
        var depth = 1;
        while (Position < s.Length)
        {
            var c = s[Position++];
            if (c == '\\' && Position < s.Length)
            {
                var e = s[Position++];
                switch (e)
                {
                    case (byte)'n': bytes.Add((byte)'\n'); break;
                    case (byte)'r': bytes.Add((byte)'\r'); break;
                    case (byte)'t': bytes.Add((byte)'\t'); break;
                    case (byte)'b': bytes.Add(8); break;
                    case (byte)'f': bytes.Add(12); break;
                    case (byte)'\r':
                        if (Position < s.Length && s[Position] == '\n')
                        {
                            Position++;
                        }

                        break;
                    case (byte)'\n': break;
                    default:
                        if (e >= '0' && e <= '7')
                        {
                            var v = e - '0';
                            for (var k = 0; k < 2 && Position < s.Length && s[Position] >= '0' && s[Position] <= '7'; k++)
                            {
                                v = (v * 8) + (s[Position++] - '0');
                            }

                            bytes.Add((byte)v);
                        }
                        else
                        {
                            bytes.Add(e);
                        }

                        break;
                }
            }
            else if (c == '(')
            {
                depth++;
                bytes.Add(c);
            }
            else if (c == ')')
            {
                if (--depth == 0)
                {
                    break;
                }

                bytes.Add(c);
            }
            else
            {
                bytes.Add(c);
            }
        }

        return new PdfString([.. bytes]);
    }
}
