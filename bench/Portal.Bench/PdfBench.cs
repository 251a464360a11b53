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
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;
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
            Console.Error.WriteLine("usage: sign-file IN.pdf OUT.pdf [--stamp single|multi|cross|keyword:TEXT] [--no-lt]");
            return 2;
        }

        if (!File.Exists(args[1]))
        {
            Console.Error.WriteLine($"refused: {args[1]} does not exist");
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
            var pdf = result.Pdf;
            var lt = TimeSpan.Zero;
            if (!args.Contains("--no-lt"))
            {
                // PAdES B-LT as the portal signs: the DSS revision with the chain, OCSP answers and CRLs.
                var sw = System.Diagnostics.Stopwatch.StartNew();
                pdf = DocumentSecurityStore.Append(pdf, new PlatformValidationMaterial(pki.Ca).CollectAsync(pki.Key.CertificateChain).GetAwaiter().GetResult());
                lt = sw.Elapsed;
            }

            File.WriteAllBytes(args[2], pdf);
            Console.WriteLine($"signed {args[2]}: field {result.FieldName}, {result.StampCount} stamp(s) on pages {string.Join(",", result.StampedPages)}, {result.Timings.Total.TotalMilliseconds:0.00} ms" + (lt > TimeSpan.Zero ? $" + DSS {lt.TotalMilliseconds:0.00} ms" : ""));
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

        Console.WriteLine($"input: {pages} pages, {input.Length / 1024.0:0.0} KB; signed output +{(signer.SignAsync(input, request, pki.Key, pki.Tsa).GetAwaiter().GetResult().Pdf.Length - input.Length) / 1024.0:0.0} KB; key {pki.Key.KeyId} (SoftHSM2 pool)");
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
            Console.Error.WriteLine("usage: verify-file IN.pdf [--repeat N] [--no-seal-images]");
            return 2;
        }

        if (!File.Exists(args[1]))
        {
            Console.Error.WriteLine($"{args[1]} does not exist");
            return 2;
        }

        var repeat = int.Parse(Option(args, "--repeat") ?? "0", CultureInfo.InvariantCulture);
        var pki = BenchPki.LoadOrCreate();
        var input = File.ReadAllBytes(args[1]);
        // The bench's own trust store: its platform CA as anchor, its revocation store as the revocation source.
        var options = pki.Trust.VerificationOptionsAsync().GetAwaiter().GetResult();
        if (args.Contains("--no-seal-images"))
        {
            // The verification without drawing each signature's seal: what the seal images cost.
            options = new PdfVerificationOptions
            {
                TrustAnchors = options.TrustAnchors,
                Intermediates = options.Intermediates,
                Revocation = options.Revocation,
                Limits = options.Limits,
                ValidationTime = options.ValidationTime,
                SealImages = false,
            };
        }

        var verifier = new PdfVerifier(options);
        var report = verifier.VerifyAsync(input).GetAwaiter().GetResult();
        Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        }));
        if (repeat > 0)
        {
            var times = new List<double>();
            for (var i = 0; i < repeat; i++)
            {
                var sw = Stopwatch.StartNew();
                verifier.VerifyAsync(input).GetAwaiter().GetResult();
                times.Add(sw.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median_ms={Percentile(times, 50):0.00}"));
        }

        return report.Indication == Indication.TotalPassed ? 0 : 1;
    }

    /// <summary>Writes a generated test document (the same one sign and verify use) to a file.</summary>
    public static int MakePdf(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: make-pdf OUT.pdf [--pages N]");
            return 2;
        }

        File.WriteAllBytes(args[1], MakeDocument(int.Parse(Option(args, "--pages") ?? "10", CultureInfo.InvariantCulture)));
        return 0;
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

        var verifier = new PdfVerifier(pki.Trust.VerificationOptionsAsync().GetAwaiter().GetResult());
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

    internal static byte[] MakeDocument(int pages)
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
/// The bench's dev organization seal: a key in a SoftHSM2 pool (two tokens under the temp folder) with its
/// certificate from a platform CA and the platform TSA, kept across runs so sign-file and verify-file agree.
/// </summary>
internal sealed class BenchPki
{
    private BenchPki(PlatformCa ca, ISigningKey key, ITimestampAuthority tsa, X509Certificate root, TrustStore trust)
    {
        Ca = ca;
        Key = key;
        Tsa = tsa;
        Root = root;
        Trust = trust;
    }

    public PlatformCa Ca { get; }

    public ISigningKey Key { get; }

    public ITimestampAuthority Tsa { get; }

    public X509Certificate Root { get; }

    /// <summary>What the bench trusts: its platform CA, with the revocations it recorded.</summary>
    public TrustStore Trust { get; }

    public static BenchPki LoadOrCreate()
    {
        var dir = Path.Combine(Path.GetTempPath(), "portal-bench-pki");
        var pins = HsmBench.OpenOrCreateTokens(Path.Combine(dir, "hsm"), ["bench-pdf-a", "bench-pdf-b"]);
        var pool = new HsmPool(new HsmPoolOptions { Module = "/usr/lib/softhsm/libsofthsm2.so", Tokens = ["bench-pdf-a", "bench-pdf-b"] }, pins);
        var stores = new FilePkiStores(Path.Combine(dir, "pki.json"));
        var ca = new PlatformCa(pool, new PkiOptions { CaKeyAlgorithm = KeyAlgorithm.Rsa2048 }, stores.AsPkiStores(), pins);
        ca.InitializeAsync().GetAwaiter().GetResult();
        var seal = stores.FindLatestAsync(CertificateKind.OrganizationSeal).GetAwaiter().GetResult();
        if (seal is null)
        {
            var key = ca.GenerateKeyAsync(KeyAlgorithm.Rsa2048, "seal:bench").GetAwaiter().GetResult();
            seal = ca.IssueSealCertificateAsync(key.KeyId, new SealSubject("Portal 开发测试单位", "91350100M000100Y43", "公章")).GetAwaiter().GetResult();
        }

        return new BenchPki(ca, ca.GetSigningKey(seal), new PlatformTimestampAuthority(ca), ca.RootCertificate, new TrustStore(stores, stores));
    }
}

/// <summary>The PKI stores kept in one JSON file (bench only; the portal keeps them in its database).</summary>
internal sealed class FilePkiStores(string path) : IIssuedCertificateStore, IRevocationStore, ITrustedCaStore, IKeyRegistry
{
    private readonly State _state = File.Exists(path) ? JsonSerializer.Deserialize<State>(File.ReadAllText(path))! : new State();

    public PkiStores AsPkiStores() => new(this, this, this, this);

    private Task SaveAsync()
    {
        // Write then rename: a bench run started meanwhile reads the old state or the new one, never a half-written file.
        var temp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(_state));
        File.Move(temp, path, overwrite: true);
        return Task.CompletedTask;
    }

    Task IIssuedCertificateStore.AddAsync(IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        _state.Certificates.Add(certificate);
        return SaveAsync();
    }

    Task<IssuedCertificate?> IIssuedCertificateStore.FindAsync(string issuerId, string serialNumber, CancellationToken cancellationToken) =>
        Task.FromResult(_state.Certificates.LastOrDefault(c => c.IssuerId == issuerId && c.SerialNumber == serialNumber));

    public Task<IssuedCertificate?> FindLatestAsync(CertificateKind kind, CancellationToken cancellationToken = default) =>
        Task.FromResult(_state.Certificates.LastOrDefault(c => c.Kind == kind));

    Task IRevocationStore.AddAsync(CertificateRevocation revocation, CancellationToken cancellationToken)
    {
        if (!_state.Revocations.Any(r => r.IssuerId == revocation.IssuerId && r.SerialNumber == revocation.SerialNumber))
        {
            _state.Revocations.Add(revocation);
        }

        return SaveAsync();
    }

    Task<CertificateRevocation?> IRevocationStore.FindAsync(string issuerId, string serialNumber, CancellationToken cancellationToken) =>
        Task.FromResult(_state.Revocations.FirstOrDefault(r => r.IssuerId == issuerId && r.SerialNumber == serialNumber));

    public Task<IReadOnlyList<CertificateRevocation>> ListAsync(string issuerId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CertificateRevocation>>(_state.Revocations.Where(r => r.IssuerId == issuerId).ToList());

    public async Task<long> NextCrlNumberAsync(string issuerId, CancellationToken cancellationToken = default)
    {
        var next = _state.CrlNumbers.GetValueOrDefault(issuerId) + 1;
        _state.CrlNumbers[issuerId] = next;
        await SaveAsync();
        return next;
    }

    public Task<IReadOnlyList<TrustedCa>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TrustedCa>>(_state.TrustedCas.ToList());

    public Task SaveAsync(TrustedCa ca, CancellationToken cancellationToken = default)
    {
        _state.TrustedCas.RemoveAll(t => t.Id == ca.Id);
        _state.TrustedCas.Add(ca);
        return SaveAsync();
    }

    Task IKeyRegistry.AddAsync(RegisteredKey key, CancellationToken cancellationToken)
    {
        _state.Keys.Add(key);
        return SaveAsync();
    }

    Task<RegisteredKey?> IKeyRegistry.FindAsync(string keyId, CancellationToken cancellationToken) =>
        Task.FromResult(_state.Keys.FirstOrDefault(k => k.KeyId == keyId));

    public Task<RegisteredKey?> FindByPurposeAsync(string purpose, CancellationToken cancellationToken = default) =>
        Task.FromResult(_state.Keys.LastOrDefault(k => k.Purpose == purpose));

    private sealed class State
    {
        public List<IssuedCertificate> Certificates { get; set; } = [];
        public List<CertificateRevocation> Revocations { get; set; } = [];
        public Dictionary<string, long> CrlNumbers { get; set; } = [];
        public List<TrustedCa> TrustedCas { get; set; } = [];
        public List<RegisteredKey> Keys { get; set; } = [];
    }
}
