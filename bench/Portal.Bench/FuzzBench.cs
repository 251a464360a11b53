using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Portal.Signing;
using Portal.Signing.Pdf;
using Portal.Signing.Pdf.Verification;

namespace Portal.Bench;

/// <summary>
/// A bounded mutation fuzz run (issue 12): mutates generated PDFs (plain, object streams, signed once and twice) and puts
/// each through sign and verify. A crash is any exception other than a typed refusal, or TOTAL_PASSED for a mutated
/// unsigned file. The input being tried is written to disk first, so a process-killing crash (stack overflow) leaves it.
/// </summary>
internal static class FuzzBench
{
    private static readonly string[] Tokens =
    [
        "[", "]", "<<", ">>", " R ", " 0 R", " obj ", "endobj", "stream\n", "endstream", "/Length 1 0 R", "/Length 999999999",
        "/Filter /FlateDecode", "/Type /ObjStm", "/Type /XRef", "/Prev 0", "/Kids [2 0 R]", "/Count 99999999", "(", ")", "%%EOF\n",
        "startxref\n0\n", "xref\n0 99999999\n", "-1", "4294967296", "1e308", "NaN",
    ];

    public static int Run(string[] args)
    {
        var iterations = int.Parse(Option(args, "--iterations") ?? "20000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        var outDir = Option(args, "--out") ?? Path.Combine(Path.GetTempPath(), "portal-fuzz");
        Directory.CreateDirectory(outDir);
        var current = Path.Combine(outDir, "current.pdf");

        var (key, root) = SoftwareKey();
        var signer = new PdfSigner();
        var verifier = new PdfVerifier(new PdfVerificationOptions { TrustAnchors = [root] });
        var request = new PdfSignRequest { Face = SealAppearance.Ring(100), Stamps = [new SingleStamp(1, 100, 100)] };
        var keywordRequest = new PdfSignRequest { Face = SealAppearance.Ring(100), Stamps = [new KeywordStamp("甲方")] };
        var seeds = Seeds(signer, request, key);
        Console.WriteLine($"fuzz: {iterations} iterations, seed {seed}, {seeds.Count} seed files ({string.Join(", ", seeds.Select(s => $"{s.Name} {s.Pdf.Length / 1024} KB"))})");

        var random = new Random(seed);
        var crashes = new List<string>();
        var outcomes = new Dictionary<string, int>();
        (double Ms, string What, byte[] Pdf) slowest = (0, "", []);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            var (name, original, signed) = seeds[random.Next(seeds.Count)];
            var (input, how) = Mutate(original, random);
            File.WriteAllBytes(current, input);
            var sw = Stopwatch.StartNew();
            string outcome;
            try
            {
                var result = signer.SignAsync(input, random.Next(8) == 0 ? keywordRequest : request, key, tsa: null).GetAwaiter().GetResult();
                outcome = "signed";
                // Our output must verify without throwing; what it says depends on how damaged the input already was.
                verifier.VerifyAsync(result.Pdf).GetAwaiter().GetResult();
            }
            catch (SigningException ex)
            {
                outcome = ex.Code;
            }
            catch (Exception ex)
            {
                outcome = "CRASH";
                crashes.Add($"#{i} {name} {how}: sign threw {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
                Save(outDir, i, input);
            }

            try
            {
                var report = verifier.VerifyAsync(input).GetAwaiter().GetResult();
                if (!signed && report.Indication == Indication.TotalPassed)
                {
                    crashes.Add($"#{i} {name} {how}: an unsigned file verified TOTAL_PASSED");
                    Save(outDir, i, input);
                }
            }
            catch (Exception ex)
            {
                crashes.Add($"#{i} {name} {how}: verify threw {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
                Save(outDir, i, input);
            }

            var ms = sw.Elapsed.TotalMilliseconds;
            if (ms > slowest.Ms && i >= 50) // the first ones pay for JIT
            {
                slowest = (ms, $"#{i} {name} {how} -> {outcome}", input);
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if ((i + 1) % 2000 == 0)
            {
                Console.WriteLine($"  {i + 1} done, {crashes.Count} crash(es), {total.Elapsed.TotalSeconds:0} s");
            }
        }

        File.WriteAllBytes(Path.Combine(outDir, "slowest.pdf"), slowest.Pdf);
        Console.WriteLine("outcomes: " + string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key}={o.Value}")));
        foreach (var c in crashes.Take(20))
        {
            Console.WriteLine("CRASH " + c);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"iterations={iterations} crashes={crashes.Count} slowest_ms={slowest.Ms:0.0} slowest=\"{slowest.What}\" total_s={total.Elapsed.TotalSeconds:0.0} (inputs in {outDir})"));
        return crashes.Count == 0 ? 0 : 1;
    }

    private static void Save(string dir, int i, byte[] input) => File.WriteAllBytes(Path.Combine(dir, $"crash-{i}.pdf"), input);

    private static List<(string Name, byte[] Pdf, bool Signed)> Seeds(PdfSigner signer, PdfSignRequest request, ISigningKey key)
    {
        var plain = PdfBench.MakeDocument(3);
        var seeds = new List<(string, byte[], bool)> { ("plain", plain, false) };
        if (File.Exists("/usr/bin/qpdf"))
        {
            var objStm = Qpdf(plain, "--object-streams=generate");
            seeds.Add(("objstm", objStm, false));
            seeds.Add(("objstm-signed", signer.SignAsync(objStm, request, key, null).GetAwaiter().GetResult().Pdf, true));
        }

        var once = signer.SignAsync(plain, request, key, null).GetAwaiter().GetResult().Pdf;
        seeds.Add(("signed", once, true));
        seeds.Add(("signed-twice", signer.SignAsync(once, request, key, null).GetAwaiter().GetResult().Pdf, true));
        return seeds;
    }

    private static (byte[] Pdf, string How) Mutate(byte[] pdf, Random r)
    {
        var data = new List<byte>(pdf);
        var steps = new List<string>();
        for (var n = 1 + r.Next(4); n > 0; n--)
        {
            var at = r.Next(Math.Max(1, data.Count));
            // In-place changes keep the xref offsets right, so they reach deeper than the shifting ones.
            switch (r.Next(10))
            {
                case 7 or 8:
                    var over = Encoding.Latin1.GetBytes(Tokens[r.Next(Tokens.Length)]);
                    for (var k = 0; k < over.Length && at + k < data.Count; k++)
                    {
                        data[at + k] = over[k];
                    }

                    steps.Add($"overwrite'{Encoding.Latin1.GetString(over).Trim()}'@{at}");
                    break;
                case 9:
                    // Aim at a structure keyword: a number or name right after it is where lengths and references live.
                    var text = Encoding.Latin1.GetString(data.ToArray());
                    var word = new[] { "/Length ", "/Size ", "/Prev ", "/Count ", "/N ", "/First ", "/Kids [", "/W [" }[r.Next(8)];
                    var hit = text.IndexOf(word, at, StringComparison.Ordinal);
                    if (hit >= 0)
                    {
                        var value = Encoding.Latin1.GetBytes(new[] { "0", "-1", "99999999999", "3 0 R", "1 0 R", "2147483648", "[", "<<" }[r.Next(8)]);
                        for (var k = 0; k < value.Length && hit + word.Length + k < data.Count; k++)
                        {
                            data[hit + word.Length + k] = value[k];
                        }

                        steps.Add($"value'{Encoding.Latin1.GetString(value)}'after'{word.Trim()}'@{hit}");
                    }

                    break;
                case 0:
                    data[at] ^= (byte)(1 << r.Next(8));
                    steps.Add($"flip@{at}");
                    break;
                case 1:
                    data[at] = (byte)"0 9[]<>()/R\n"[r.Next(12)];
                    steps.Add($"set@{at}");
                    break;
                case 2:
                    var len = Math.Min(data.Count - at, 1 + r.Next(64));
                    data.RemoveRange(at, len);
                    steps.Add($"cut{len}@{at}");
                    break;
                case 3:
                    var dup = Math.Min(data.Count - at, 1 + r.Next(256));
                    data.InsertRange(at, data.GetRange(at, dup));
                    steps.Add($"dup{dup}@{at}");
                    break;
                case 4:
                    var token = Tokens[r.Next(Tokens.Length)];
                    data.InsertRange(at, Encoding.Latin1.GetBytes(token));
                    steps.Add($"token'{token.Trim()}'@{at}");
                    break;
                case 5:
                    var keep = r.Next(Math.Max(1, data.Count));
                    data.RemoveRange(keep, data.Count - keep);
                    steps.Add($"truncate@{keep}");
                    break;
                default:
                    var nest = 1 + r.Next(5000);
                    data.InsertRange(at, Encoding.Latin1.GetBytes(new string(r.Next(2) == 0 ? '[' : '<', nest)));
                    steps.Add($"nest{nest}@{at}");
                    break;
            }
        }

        return (data.ToArray(), string.Join("+", steps));
    }

    private static byte[] Qpdf(byte[] pdf, string args)
    {
        var input = Path.GetTempFileName();
        var output = input + ".out.pdf";
        File.WriteAllBytes(input, pdf);
        using (var p = Process.Start(new ProcessStartInfo("/usr/bin/qpdf", $"{args} {input} {output}") { RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            p.WaitForExit();
        }

        var bytes = File.ReadAllBytes(output);
        File.Delete(input);
        File.Delete(output);
        return bytes;
    }

    /// <summary>A software RSA key with its own root: the fuzz run tests the parser, not the HSM pool.</summary>
    private static (ISigningKey Key, X509Certificate Root) SoftwareKey()
    {
        var rootRsa = RSA.Create(2048);
        var rootKp = DotNetUtilities.GetRsaKeyPair(rootRsa);
        var root = Issue("CN=Fuzz Root", rootKp.Public, null, rootKp.Private, ca: true);
        var leafRsa = RSA.Create(2048);
        var leaf = Issue("CN=Fuzz Signer", DotNetUtilities.GetRsaKeyPair(leafRsa).Public, root, rootKp.Private, ca: false);
        return (new SoftwareSigningKey(leafRsa, [leaf, root]), root);
    }

    private static X509Certificate Issue(string subject, Org.BouncyCastle.Crypto.AsymmetricKeyParameter publicKey, X509Certificate? issuer, Org.BouncyCastle.Crypto.AsymmetricKeyParameter issuerKey, bool ca)
    {
        var g = new X509V3CertificateGenerator();
        g.SetSerialNumber(BigInteger.ValueOf(Random.Shared.NextInt64(1, long.MaxValue)));
        g.SetIssuerDN(issuer?.SubjectDN ?? new X509Name(subject));
        g.SetSubjectDN(new X509Name(subject));
        g.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        g.SetNotAfter(DateTime.UtcNow.AddYears(1));
        g.SetPublicKey(publicKey);
        g.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(ca));
        g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(ca ? KeyUsage.KeyCertSign | KeyUsage.CrlSign : KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        return g.Generate(new Asn1SignatureFactory("SHA256WITHRSA", issuerKey));
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed class SoftwareSigningKey(RSA rsa, IReadOnlyList<X509Certificate> chain) : ISigningKey
    {
        public string KeyId => "fuzz";
        public KeyAlgorithm Algorithm => KeyAlgorithm.Rsa2048;
        public SignatureScheme Scheme => SignatureScheme.RsaPkcs1Sha256;
        public IReadOnlyList<X509Certificate> CertificateChain => chain;

        public Task<byte[]> SignDigestAsync(ReadOnlyMemory<byte> sha256Digest, CancellationToken cancellationToken = default) =>
            Task.FromResult(rsa.SignHash(sha256Digest.Span.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}
