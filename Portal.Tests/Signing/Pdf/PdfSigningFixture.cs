using System.Diagnostics;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;
using Portal.Signing;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;

namespace Portal.Tests.Signing.Pdf;

/// <summary>
/// Every key, CA and TSA the PDF tests use, in one place: seal keys in the real SoftHSM2 pool with
/// certificates from the platform CA, and the platform TSA — no private key in process memory. Only
/// the "untrusted" signer and the other tool stand outside (they play parties that are not us).
/// The tests run in the SoftHSM collection, so no pool fault test logs the tokens out under them.
/// </summary>
public sealed class PdfSigningFixture : IAsyncLifetime
{
    private readonly SoftHsmFixture _hsm = new();

    public PlatformCa Ca { get; private set; } = null!;

    /// <summary>The stores behind <see cref="Ca"/> (its trusted CAs and revocations).</summary>
    public PkiStores Stores { get; private set; } = null!;

    public X509Certificate Root => Ca.RootCertificate;

    public X509Certificate TsaCert => Ca.TimestampCertificate;

    /// <summary>An organization seal key, RSA-2048 (signer certificate without EKU).</summary>
    public ISigningKey Key { get; private set; } = null!;

    /// <summary>A second signer, RSA-2048 (EKU emailProtection + documentSigning).</summary>
    public ISigningKey Key2 { get; private set; } = null!;

    /// <summary>A third signer with an EC P-256 key.</summary>
    public ISigningKey Key3 { get; private set; } = null!;

    /// <summary>A key whose chain ends in a root nobody trusts.</summary>
    public ISigningKey UntrustedKey { get; private set; } = null!;

    public ITimestampAuthority Tsa { get; private set; } = null!;

    /// <summary>A third-party signer (PDFsharp + BouncyCastle CMS) for "already signed elsewhere" inputs.</summary>
    public OtherToolSigner OtherTool { get; private set; } = null!;

    public string NssDir { get; } = Portal.Tests.Support.TestTemp.NewFolder("nss");

    public IReadOnlyList<X509Certificate> TrustAnchors => [Root, PartnerRoot];

    public async Task InitializeAsync()
    {
        var stores = Stores = PkiStores.InMemory();
        Ca = new PlatformCa(_hsm.Pool, new PkiOptions { CaKeyAlgorithm = KeyAlgorithm.Rsa2048 }, stores, _hsm.Pins);
        await Ca.InitializeAsync();
        Tsa = new PlatformTimestampAuthority(Ca);
        Key = await SealKeyAsync(Ca, KeyAlgorithm.Rsa2048, "测试单位", "公章");
        Key3 = await SealKeyAsync(Ca, KeyAlgorithm.EcP256, "第三方", "合同专用章");
        // Same CA keys and stores, other EKU policy: the documented alternative poppler also trusts.
        var ekuCa = new PlatformCa(_hsm.Pool, new PkiOptions { CaKeyAlgorithm = KeyAlgorithm.Rsa2048, EndEntityEku = EndEntityEku.EmailProtectionAndDocumentSigning },
            stores, _hsm.Pins);
        await ekuCa.InitializeAsync();
        Key2 = await SealKeyAsync(ekuCa, KeyAlgorithm.Rsa2048, "第二签署方", "合同专用章");

        var rootKp = TestPki.RsaKeyPair(out _);
        var partnerRoot = TestPki.Issue("CN=Partner Root,O=Partner,C=CN", rootKp.Public, null, rootKp.Private, ca: true, KeyUsage.KeyCertSign | KeyUsage.CrlSign);
        var toolKp = TestPki.RsaKeyPair(out _);
        var toolCert = TestPki.Issue("CN=Other Tool Signer,O=Partner,C=CN", toolKp.Public, partnerRoot, rootKp.Private, ca: false, KeyUsage.DigitalSignature | KeyUsage.NonRepudiation);
        // The other tool's chain is trusted too (its root goes into the NSS database and the anchors), as a partner CA would be.
        OtherTool = new OtherToolSigner(toolKp.Private, toolCert, [toolCert, partnerRoot]);
        PartnerRoot = partnerRoot;

        var otherRootKp = TestPki.RsaKeyPair(out _);
        var otherRoot = TestPki.Issue("CN=Untrusted Root,O=Elsewhere", otherRootKp.Public, null, otherRootKp.Private, ca: true, KeyUsage.KeyCertSign | KeyUsage.CrlSign);
        var otherKp = TestPki.RsaKeyPair(out var otherRsa);
        var otherCert = TestPki.Issue("CN=Untrusted Signer", otherKp.Public, otherRoot, otherRootKp.Private, ca: false, KeyUsage.DigitalSignature | KeyUsage.NonRepudiation);
        UntrustedKey = new SoftwareSigningKey(otherRsa, [otherCert, otherRoot], "untrusted");

        Directory.CreateDirectory(NssDir);
        Tools.Run("certutil", $"-N -d sql:{NssDir} --empty-password");
        AddToNss("Portal Root", Root);
        AddToNss("Partner Root", partnerRoot);
    }

    /// <summary>The same platform CA (keys, stores) seen from a later time: revocations and answers it makes are dated then.</summary>
    public async Task<PlatformCa> CaLaterAsync(TimeSpan ahead)
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow + ahead);
        var later = new PlatformCa(_hsm.Pool, new PkiOptions { CaKeyAlgorithm = KeyAlgorithm.Rsa2048 }, Stores, _hsm.Pins, time);
        await later.InitializeAsync();
        return later;
    }

    /// <summary>The partner CA of <see cref="OtherTool"/>.</summary>
    public X509Certificate PartnerRoot { get; private set; } = null!;

    public static async Task<ISigningKey> SealKeyAsync(PlatformCa ca, KeyAlgorithm algorithm, string organization, string seal)
    {
        var key = await ca.GenerateKeyAsync(algorithm, "seal:test:" + seal);
        var certificate = await ca.IssueSealCertificateAsync(key.KeyId, new SealSubject(organization, "91350100M000100Y43", seal));
        return ca.GetSigningKey(certificate);
    }

    private void AddToNss(string nickname, X509Certificate certificate)
    {
        var pem = Path.Combine(NssDir, nickname.Replace(' ', '-') + ".pem");
        File.WriteAllText(pem, "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(certificate.GetEncoded(), Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n");
        Tools.Run("certutil", $"-A -d sql:{NssDir} -n \"{nickname}\" -t \"CT,C,C\" -a -i {pem}");
    }

    public Task DisposeAsync()
    {
        _hsm.Dispose();
        try
        {
            Directory.Delete(NssDir, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}

/// <summary>The external oracles (pdfsig, qpdf, certutil); missing tools fail the test loudly.</summary>
public static class Tools
{
    public static (int Exit, string Output) Run(string tool, string args, bool allowFailure = false)
    {
        var path = new[] { "/usr/bin/", "/usr/local/bin/" }.Select(d => d + tool).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{tool} is not installed: apt-get install poppler-utils qpdf libnss3-tools");
        var psi = new ProcessStartInfo(path, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        var output = stdout.Result + stderr;
        if (p.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{tool} {args} exited {p.ExitCode}: {output}");
        }

        return (p.ExitCode, output);
    }

    public static string TempFile(byte[] bytes, string ext = ".pdf")
    {
        var path = Portal.Tests.Support.TestTemp.NewFilePath(ext);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>pdfsig's report for the file, with the fixture's root trusted.</summary>
    public static string Pdfsig(PdfSigningFixture fx, byte[] pdf)
    {
        var f = TempFile(pdf);
        try
        {
            return Run("pdfsig", $"-nssdir sql:{fx.NssDir} {f}", allowFailure: true).Output;
        }
        finally
        {
            File.Delete(f);
        }
    }

    /// <summary>qpdf --check output; exit 0 = clean, 3 = warnings, 2 = errors.</summary>
    public static (int Exit, string Output) QpdfCheck(byte[] pdf)
    {
        var f = TempFile(pdf);
        try
        {
            // The file's own (random, TMPDIR-dependent) path reads "F", so the input's and output's warnings compare.
            var (exit, output) = Run("qpdf", $"--check {f}", allowFailure: true);
            return (exit, output.Replace(f, "F", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(f);
        }
    }

    /// <summary>qpdf finds no error in the output and no warning the input did not already have.</summary>
    public static void AssertQpdfCleanComparedTo(byte[] input, byte[] output)
    {
        static HashSet<string> Warnings(string text) => text.Split('\n')
            .Where(l => l.StartsWith("WARNING", StringComparison.Ordinal) || l.Contains("error", StringComparison.OrdinalIgnoreCase))
            .ToHashSet();
        var (inExit, inText) = QpdfCheck(input);
        var (outExit, outText) = QpdfCheck(output);
        Assert.True(outExit is 0 or 3, outText);
        var added = Warnings(outText).Except(Warnings(inText)).ToList();
        Assert.True(added.Count == 0 && (outExit == 0 || inExit == 3), "qpdf --check on the output:\n" + outText);
    }

    /// <summary>Rewrites a PDF through qpdf (e.g. "--object-streams=generate", "--linearize").</summary>
    public static byte[] Qpdf(byte[] pdf, string options)
    {
        var f = TempFile(pdf);
        var o = f + ".out.pdf";
        try
        {
            Run("qpdf", $"{options} {f} {o}", allowFailure: true);
            return File.ReadAllBytes(o);
        }
        finally
        {
            File.Delete(f);
            File.Delete(o);
        }
    }
}
