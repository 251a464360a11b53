using System.IO.Compression;

namespace Portal.Signing.Pdf.Parsing;

/// <summary>Stream filters: FlateDecode with PNG predictors, decoded under a <see cref="PdfBudget"/>; other filters are refused.</summary>
internal static class PdfFilters
{
    public static byte[] Decode(PdfStream st, Func<PdfObject?, PdfObject> resolve, PdfBudget budget)
    {
        var filter = resolve(st["Filter"]);
        var filters = filter switch
        {
            PdfName n => [n.Value],
            PdfArray a => a.Items.Select(x => (x as PdfName)?.Value ?? "?").ToArray(),
            _ => Array.Empty<string>(),
        };
        if (filters.Length == 0)
        {
            return st.Raw.ToArray();
        }

        if (filters.Length != 1 || filters[0] is not ("FlateDecode" or "Fl"))
        {
            throw new PdfFormatException($"unsupported filter {string.Join(",", filters)}");
        }

        var bytes = Inflate(st.Raw, budget);
        var parmsObj = resolve(st["DecodeParms"]);
        var parms = parmsObj as PdfDictionary ?? (parmsObj is PdfArray { Count: > 0 } pa ? resolve(pa.Items[0]) as PdfDictionary : null);
        if (parms?["Predictor"] is PdfNumber pred && pred.IntValue >= 10)
        {
            var cols = parms["Columns"] is PdfNumber c ? c.IntValue : 1;
            var colors = parms["Colors"] is PdfNumber co ? co.IntValue : 1;
            var bpc = parms["BitsPerComponent"] is PdfNumber b ? b.IntValue : 8;
            if (cols is < 1 or > 1 << 20 || colors is < 1 or > 32 || bpc is not (1 or 2 or 4 or 8 or 16))
            {
                throw new PdfFormatException("bad predictor parameters");
            }

            bytes = PngUnpredict(bytes, ((cols * colors * bpc) + 7) / 8, Math.Max(1, colors * bpc / 8));
        }

        return bytes;
    }

    /// <summary>Inflates zlib data, stopping with a <see cref="PdfLimitException"/> as soon as the budget is exceeded.</summary>
    public static byte[] Inflate(ReadOnlyMemory<byte> encoded, PdfBudget budget)
    {
        if (encoded.Length < 2)
        {
            return [];
        }

        // Skip the two-byte zlib header and inflate raw: tolerant of a missing Adler-32 (PDFsharp, NOTES).
        using var input = new MemoryStream(encoded[2..].ToArray(), writable: false);
        using var z = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int n;
            while ((n = z.Read(buffer, 0, buffer.Length)) > 0)
            {
                budget.AddDecoded(n, output.Length + n, encoded.Length);
                output.Write(buffer, 0, n);
                budget.CheckTime();
            }
        }
        catch (InvalidDataException) when (output.Length > 0)
        {
            // Keep what was decoded; trailing junk after the deflate data is common.
        }
        catch (InvalidDataException ex)
        {
            throw new PdfFormatException("bad Flate data: " + ex.Message);
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
            var src = (r * (rowBytes + 1)) + 1;
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
}
