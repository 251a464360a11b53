using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace Portal.Signing.Seals;

/// <summary>
/// The CJK font for seal faces and PDFsharp: WenQuanYi Micro Hei face 0, cut out of the .ttc because PDFsharp
/// cannot read collections (NOTES) and this face has TrueType outlines, so it subsets to a few KB.
/// </summary>
public static class SealFonts
{
    /// <summary>Where Debian's fonts-wqy-microhei puts the collection.</summary>
    public const string DefaultCollectionPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    /// <summary>The family name every PDFsharp font request resolves to.</summary>
    public const string FamilyName = "WenQuanYi Micro Hei";

    private static readonly Lock Gate = new();
    private static byte[]? _face;

    /// <summary>Path of the font collection; set before first use to use another one.</summary>
    public static string CollectionPath { get; set; } = DefaultCollectionPath;

    /// <summary>Face 0 of the collection as a standalone TrueType file.</summary>
    public static byte[] Face
    {
        get
        {
            lock (Gate)
            {
                if (_face is null)
                {
                    if (!File.Exists(CollectionPath))
                    {
                        throw new SigningException("seal.font_missing", $"The seal font {CollectionPath} is not installed (apt-get install fonts-wqy-microhei).");
                    }

                    _face = ExtractFace(File.ReadAllBytes(CollectionPath), 0);
                }

                return _face;
            }
        }
    }

    /// <summary>Installs the font resolver PDFsharp needs; safe to call many times.</summary>
    public static void EnsurePdfSharp()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not Resolver)
            {
                GlobalFontSettings.FontResolver = new Resolver();
            }
        }
    }

    /// <summary>Copies one face of a TrueType collection into a standalone font file (tables re-laid out).</summary>
    public static byte[] ExtractFace(byte[] ttc, int index)
    {
        var s = ttc.AsSpan();
        if (!s[..4].SequenceEqual("ttcf"u8))
        {
            return ttc;
        }

        var faceOffset = (int)BinaryPrimitives.ReadUInt32BigEndian(s[(12 + (4 * index))..]);
        var numTables = BinaryPrimitives.ReadUInt16BigEndian(s[(faceOffset + 4)..]);
        var headerLen = 12 + (16 * numTables);
        var tables = new List<(int RecordAt, int Offset, int Length)>();
        var size = headerLen;
        for (var i = 0; i < numTables; i++)
        {
            var rec = faceOffset + 12 + (16 * i);
            var off = (int)BinaryPrimitives.ReadUInt32BigEndian(s[(rec + 8)..]);
            var len = (int)BinaryPrimitives.ReadUInt32BigEndian(s[(rec + 12)..]);
            tables.Add((rec, off, len));
            size += (len + 3) & ~3;
        }

        var output = new byte[size];
        s.Slice(faceOffset, headerLen).CopyTo(output);
        var at = headerLen;
        for (var i = 0; i < tables.Count; i++)
        {
            var (_, off, len) = tables[i];
            s.Slice(off, len).CopyTo(output.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(12 + (16 * i) + 8), (uint)at);
            at += (len + 3) & ~3;
        }

        return output;
    }

    private sealed class Resolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new("wqy-microhei-0", isBold, isItalic);

        public byte[]? GetFont(string faceName) => Face;
    }
}
