using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portal.Signing;
using Portal.Signing.Pdf;
using Portal.Signing.Pdf.Verification;
using Portal.Signing.Seals;

namespace Portal.Bench;

/// <summary>PDF signing and verification benchmarks (issue 4): sign-file, sign, verify-file, verify.</summary>
internal static class PdfBench
{
    private static readonly SealFaceCache Faces = new();

    private static SealAppearance DevSeal => Faces.Get(SealFaceSpec.Official("Portal 开发测试单位", "1101080000001"));

    public static int SignFile(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: sign-file IN.pdf OUT.pdf [--stamp single|multi|cross|keyword:TEXT]");
            return 2;
        }

        var stamp = Option(args, "--stamp") ?? "single";
        var pki = BenchPki.LoadOrCreate();
        var input = File.ReadAllBytes(args[1]);
        StampPlacement placement = stamp switch
        {
            "multi" => new MultiPageStamp(400, 100),
            "cross" => new CrossPageStamp(300),
            _ when stamp.StartsWith("keyword:", StringComparison.Ordinal) => new KeywordStamp(stamp["keyword:".Length..]),
            _ => new SingleStamp(1, 400, 100),
        };
        try
        {
            var result = new PdfSigner().SignAsync(input, new PdfSignRequest { Face = DevSeal, Stamps = [placement], SignerName = "Portal 开发测试单位" }, pki.Key, pki.Tsa).GetAwaiter().GetResult();
            File.WriteAllBytes(args[2], result.Pdf);
            Console.WriteLine($"signed {args[2]}: field {result.FieldName}, {result.StampCount} stamp(s) on pages {string.Join(",", result.StampedPages)}, {result.Timings.Total.TotalMilliseconds:0.00} ms");
            return 0;
        }
        catch (SigningException ex)
        {
            Console.Error.WriteLine($"refused ({ex.Code}): {ex.Message}");
            return 1;
        }
    }

    public static int Sign(string[] args)
    {
        var pages = int.Parse(Option(args, "--pages") ?? "10", CultureInfo.InvariantCulture);
        var count = int.Parse(Option(args, "--count") ?? "200", CultureInfo.InvariantCulture);
        var pki = BenchPki.LoadOrCreate();
        var input = MakeDocument(pages);
        var signer = new PdfSigner();
        var request = new PdfSignRequest { Face = DevSeal, Stamps = [new SingleStamp(pages, 400, 100)], SignerName = "Portal 开发测试单位" };
        for (var i = 0; i < 20; i++)
        {
            signer.SignAsync(input, request, pki.Key, pki.Tsa).GetAwaiter().GetResult();
        }

        var rows = new List<PdfSignTimings>();
        var wall = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var sw = Stopwatch.StartNew();
            var r = signer.SignAsync(input, request, pki.Key, pki.Tsa).GetAwaiter().GetResult();
            wall.Add(sw.Elapsed.TotalMilliseconds);
            rows.Add(r.Timings);
        }

        Console.WriteLine($"input: {pages} pages, {input.Length / 1024.0:0.0} KB; signed output +{(signer.SignAsync(input, request, pki.Key, pki.Tsa).GetAwaiter().GetResult().Pdf.Length - input.Length) / 1024.0:0.0} KB; key {pki.Key.KeyId} (software, in process)");
        foreach (var (name, pick) in new (string, Func<PdfSignTimings, TimeSpan>)[]
        {
            ("parse", t => t.Parse), ("stamp", t => t.Stamp), ("write", t => t.Write), ("hash", t => t.Hash), ("sign", t => t.Sign), ("timestamp", t => t.Timestamp),
        })
        {
            var ms = rows.Select(t => pick(t).TotalMilliseconds).ToList();
            Console.WriteLine($"  {name,-10} median {Percentile(ms, 50):0.000} ms  p95 {Percentile(ms, 95):0.000} ms");
        }

        var median = Percentile(wall, 50);
        Console.WriteLine($"  {"total",-10} median {median:0.000} ms  p95 {Percentile(wall, 95):0.000} ms");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pages={pages} median_ms={median:0.000} p95_ms={Percentile(wall, 95):0.000} per_sec={1000 / median:0.0}"));
        return 0;
    }

    public static int VerifyFile(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: verify-file IN.pdf");
            return 2;
        }

        var pki = BenchPki.LoadOrCreate();
        var report = new PdfVerifier(new PdfVerificationOptions { TrustAnchors = [pki.Root] }).VerifyAsync(File.ReadAllBytes(args[1])).GetAwaiter().GetResult();
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        }));
        return report.Indication == Indication.TotalPassed ? 0 : 1;
    }

    public static int Verify(string[] args)
    {
        var n = int.Parse(Option(args, "--signatures") ?? "20", CultureInfo.InvariantCulture);
        var pki = BenchPki.LoadOrCreate();
        var pdf = MakeDocument(10);
        var signer = new PdfSigner();
        for (var i = 0; i < n; i++)
        {
            pdf = signer.SignAsync(pdf, new PdfSignRequest { Face = DevSeal, Stamps = [new SingleStamp((i % 10) + 1, 50 + (i * 20 % 400), 100)] }, pki.Key, pki.Tsa).GetAwaiter().GetResult().Pdf;
        }

        var verifier = new PdfVerifier(new PdfVerificationOptions { TrustAnchors = [pki.Root] });
        var check = verifier.VerifyAsync(pdf).GetAwaiter().GetResult();
        if (check.Indication != Indication.TotalPassed || check.Signatures.Count != n)
        {
            Console.Error.WriteLine($"unexpected: {check.Indication} {check.SubIndication} with {check.Signatures.Count} signatures");
            return 1;
        }

        for (var i = 0; i < 5; i++)
        {
            verifier.VerifyAsync(pdf).GetAwaiter().GetResult();
        }

        var times = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var sw = Stopwatch.StartNew();
            verifier.VerifyAsync(pdf).GetAwaiter().GetResult();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"document: {pdf.Length / 1024.0:0.0} KB, {n} signatures (all TOTAL_PASSED), p95 {Percentile(times, 95):0.00} ms");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"signatures={n} median_ms={Percentile(times, 50):0.00}"));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }

    private static byte[] MakeDocument(int pages)
    {
        SealFonts.EnsurePdfSharp();
        using var doc = new PdfDocument();
        var font = new XFont(SealFonts.FamilyName, 11);
        for (var i = 1; i <= pages; i++)
        {
            var page = doc.AddPage();
            using var g = XGraphics.FromPdfPage(page);
            for (var line = 0; line < 40; line++)
            {
                g.DrawString($"第 {i} 页 第 {line + 1} 行 甲方：测试单位有限公司 乙方：示例科技有限公司 Contract text line {line + 1}", font, XBrushes.Black, new XPoint(50, 60 + (line * 18)));
            }
        }

        using var ms = new MemoryStream();
        doc.Save(ms);
        return ms.ToArray();
    }
}

/// <summary>
/// SoftwareBenchKey: a software RSA-2048 key, dev root and in-process TSA, kept in the temp directory so
/// sign-file and verify-file agree across runs. The lead swaps this for the HSM pool once it lands.
/// </summary>
internal sealed class BenchPki
{
    private BenchPki(SoftwareBenchKey key, ITimestampAuthority tsa, X509Certificate root)
    {
        Key = key;
        Tsa = tsa;
        Root = root;
    }

    public SoftwareBenchKey Key { get; }

    public ITimestampAuthority Tsa { get; }

    public X509Certificate Root { get; }

    public static BenchPki LoadOrCreate()
    {
        var dir = Path.Combine(Path.GetTempPath(), "portal-bench-pki");
        Directory.CreateDirectory(dir);
        var random = new SecureRandom();
        var rootKey = LoadOrCreateRsa(Path.Combine(dir, "root.key"));
        var root = LoadOrCreateCert(Path.Combine(dir, "root.crt"), () => Issue("CN=Portal Bench Root", rootKey, null, rootKey, ca: true, [], random));
        var signKey = LoadOrCreateRsa(Path.Combine(dir, "seal.key"));
        var signCert = LoadOrCreateCert(Path.Combine(dir, "seal.crt"), () => Issue("CN=Portal 开发测试单位 公章", signKey, root, rootKey, ca: false, [], random));
        var tsaKey = LoadOrCreateRsa(Path.Combine(dir, "tsa.key"));
        var tsaCert = LoadOrCreateCert(Path.Combine(dir, "tsa.crt"), () => Issue("CN=Portal Bench TSA", tsaKey, root, rootKey, ca: false, ["1.3.6.1.5.5.7.3.8"], random));
        return new BenchPki(new SoftwareBenchKey(signKey, [signCert, root]), new BenchTsa(tsaKey, tsaCert, root), root);
    }

    private static RSA LoadOrCreateRsa(string path)
    {
        var rsa = RSA.Create(2048);
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
        }

        return rsa;
    }

    private static X509Certificate LoadOrCreateCert(string path, Func<X509Certificate> create)
    {
        if (File.Exists(path))
        {
            return new X509Certificate(File.ReadAllBytes(path));
        }

        var cert = create();
        File.WriteAllBytes(path, cert.GetEncoded());
        return cert;
    }

    private static X509Certificate Issue(string subject, RSA subjectKey, X509Certificate? issuer, RSA issuerKey, bool ca, string[] eku, SecureRandom random)
    {
        var g = new X509V3CertificateGenerator();
        g.SetSerialNumber(new BigInteger(64, random));
        g.SetIssuerDN(issuer?.SubjectDN ?? new X509Name(subject));
        g.SetSubjectDN(new X509Name(subject));
        g.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        g.SetNotAfter(DateTime.UtcNow.AddYears(5));
        g.SetPublicKey(DotNetUtilities.GetRsaPublicKey(subjectKey));
        g.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(ca));
        g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(ca ? KeyUsage.KeyCertSign | KeyUsage.CrlSign : KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        if (eku.Length > 0)
        {
            g.AddExtension(X509Extensions.ExtendedKeyUsage, true, new ExtendedKeyUsage(eku.Select(o => new DerObjectIdentifier(o)).ToList()));
        }

        return g.Generate(new Asn1SignatureFactory("SHA256WITHRSA", DotNetUtilities.GetRsaKeyPair(issuerKey).Private));
    }

    /// <summary>Software RFC 3161 TSA for the bench (the platform TSA replaces it).</summary>
    private sealed class BenchTsa : ITimestampAuthority
    {
        private readonly TimeStampTokenGenerator _generator;
        private long _serial = DateTime.UtcNow.Ticks;

        public BenchTsa(RSA key, X509Certificate cert, X509Certificate root)
        {
            // Signs through .NET's RSA (OpenSSL): BouncyCastle's managed RSA would dominate the timing (~8 ms).
            var signerInfo = new SignerInfoGeneratorBuilder().Build(new DotNetRsaSignatureFactory(key), cert);
            _generator = new TimeStampTokenGenerator(signerInfo, Asn1DigestFactory.Get(NistObjectIdentifiers.IdSha256), new DerObjectIdentifier("1.2.3.4.1"), true);
            _generator.SetCertificates(CollectionUtilities.CreateStore(new List<X509Certificate> { cert, root }));
        }

        public Task<byte[]> TimestampAsync(ReadOnlyMemory<byte> sha256Imprint, CancellationToken cancellationToken = default)
        {
            var reqGen = new TimeStampRequestGenerator();
            reqGen.SetCertReq(true);
            var req = reqGen.Generate(TspAlgorithms.Sha256, sha256Imprint.ToArray());
            lock (_generator)
            {
                return Task.FromResult(_generator.Generate(req, BigInteger.ValueOf(_serial++), DateTime.UtcNow).GetEncoded());
            }
        }
    }
}

/// <summary>A BouncyCastle signature factory over a .NET RSA key (sha256WithRSA, PKCS#1 v1.5).</summary>
internal sealed class DotNetRsaSignatureFactory(RSA rsa) : ISignatureFactory
{
    public object AlgorithmDetails { get; } = new AlgorithmIdentifier(Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance);

    public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(rsa);

    private sealed class Calculator(RSA rsa) : IStreamCalculator<IBlockResult>
    {
        private readonly MemoryStream _buffer = new();

        public Stream Stream => _buffer;

        public IBlockResult GetResult() =>
            new SimpleBlockResult(rsa.SignData(_buffer.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}

/// <summary>SoftwareBenchKey: an in-process RSA key standing in for an HSM pool key in the benchmark only.</summary>
internal sealed class SoftwareBenchKey(RSA rsa, IReadOnlyList<X509Certificate> chain) : ISigningKey
{
    public string KeyId => "software-bench-key";

    public KeyAlgorithm Algorithm => KeyAlgorithm.Rsa2048;

    public SignatureScheme Scheme => SignatureScheme.RsaPkcs1Sha256;

    public IReadOnlyList<X509Certificate> CertificateChain { get; } = chain;

    public Task<byte[]> SignDigestAsync(ReadOnlyMemory<byte> sha256Digest, CancellationToken cancellationToken = default) =>
        Task.FromResult(rsa.SignHash(sha256Digest.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
}
