using System.Security.Cryptography;
using Org.BouncyCastle.Security;

namespace Portal.Signing.Pdf.Verification;

/// <summary>
/// The digests of the signed byte ranges of one file. Every well-formed range is [0, contents start) + [contents end,
/// revision end), and successive signatures share their prefix, so for an algorithm asked for the first time one pass over
/// the file serves every signature: the running hash is cloned at each /Contents start and the clone finishes with that
/// revision's tail. The cost follows the file's bytes, not bytes × signatures.
/// </summary>
internal sealed class SignedRangeDigests(ReadOnlyMemory<byte> pdf, IReadOnlyList<long[]> ranges)
{
    private readonly Dictionary<string, Dictionary<long[], byte[]>> _byAlgorithm = [];

    /// <summary>The digest under <paramref name="oid"/> of the bytes <paramref name="byteRange"/> names (one of the ranges given, already checked to lie in the file).</summary>
    public byte[] Digest(string oid, long[] byteRange)
    {
        if (!_byAlgorithm.TryGetValue(oid, out var known))
        {
            known = HashName(oid) is { } name ? AllAtOnce(name) : [];
            _byAlgorithm[oid] = known;
        }

        if (known.TryGetValue(byteRange, out var digest))
        {
            return digest;
        }

        // SM3 and other digests .NET lacks, or a range of another shape: hashed on its own.
        var d = DigestUtilities.GetDigest(oid);
        d.BlockUpdate(pdf.Span[..(int)byteRange[1]]);
        d.BlockUpdate(pdf.Span.Slice((int)byteRange[2], (int)byteRange[3]));
        var result = new byte[d.GetDigestSize()];
        d.DoFinal(result, 0);
        known[byteRange] = result;
        return result;
    }

    private static HashAlgorithmName? HashName(string oid) => oid switch
    {
        // .NET's SHA-2 (OpenSSL) is several times faster than BouncyCastle's managed digests.
        "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
        "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
        "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
        _ => null,
    };

    private Dictionary<long[], byte[]> AllAtOnce(HashAlgorithmName name)
    {
        var result = new Dictionary<long[], byte[]>(ReferenceEqualityComparer.Instance);
        var s = pdf.Span;
        using var running = IncrementalHash.CreateHash(name);
        var at = 0;
        foreach (var br in ranges.Where(Wellformed).OrderBy(r => r[1]))
        {
            running.AppendData(s[at..(int)br[1]]);
            at = (int)br[1];
            using var tail = running.Clone();
            tail.AppendData(s.Slice((int)br[2], (int)br[3]));
            result[br] = tail.GetHashAndReset();
        }

        return result;
    }

    private bool Wellformed(long[] br) =>
        br.Length == 4 && br[0] == 0 && br[1] > 0 && br[2] > br[1] && br[3] >= 0 && br[2] + br[3] <= pdf.Length;
}
