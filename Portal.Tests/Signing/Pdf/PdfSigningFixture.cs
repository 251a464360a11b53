using System.Diagnostics;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;
using Portal.Signing;
using Portal.Tests.Signing.Support;

namespace Portal.Tests.Signing.Pdf;

/// <summary>
/// Every key, CA and TSA the PDF tests use, in one place: the seam the lead swaps to the HSM pool
/// (replace <see cref="Key"/> with a pool key and <see cref="Tsa"/> with the platform TSA, and trust their root).
/// </summary>
public sealed class PdfSigningFixture : IDisposable
{
    public PdfSigningFixture()
    {
        var rootKp = TestPki.RsaKeyPair(out _);
        Root = TestPki.Issue("CN=Portal Test Root,O=Portal,C=CN", rootKp.Public, null, rootKp.Private, ca: true, KeyUsage.KeyCertSign | KeyUsage.CrlSign);
        RootPrivate = rootKp.Private;

        var signerKp = TestPki.RsaKeyPair(out var signerRsa);
        var signerCert = TestPki.Issue("CN=测试单位 公章,O=测试单位,C=CN", signerKp.Public, Root, rootKp.Private, ca: false, KeyUsage.DigitalSignature | KeyUsage.NonRepudiation);
        Key = new SoftwareSigningKey(signerRsa, [signerCert, Root], "test-seal-1");

        var signer2Kp = TestPki.RsaKeyPair(out var signer2Rsa);
        var signer2Cert = TestPki.Issue(
            "CN=第二签署方,O=Other Org,C=CN",
            signer2Kp.Public,
            Root,
            rootKp.Private,
            ca: false,
            KeyUsage.DigitalSignature | KeyUsage.NonRepudiation,
            ["1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36"]);
        Key2 = new SoftwareSigningKey(signer2Rsa, [signer2Cert, Root], "test-seal-2");

        var signer3Kp = TestPki.RsaKeyPair(out var signer3Rsa);
        var signer3Cert = TestPki.Issue("CN=第三方 合同专用章,O=Third Org,C=CN", signer3Kp.Public, Root, rootKp.Private, ca: false, KeyUsage.DigitalSignature | KeyUsage.NonRepudiation);
        Key3 = new SoftwareSigningKey(signer3Rsa, [signer3Cert, Root], "test-seal-3");

        var tsaKp = TestPki.EcKeyPair();
        var tsaCert = TestPki.Issue("CN=Portal Test TSA,O=Portal,C=CN", tsaKp.Public, Root, rootKp.Private, ca: false, KeyUsage.DigitalSignature, ["1.3.6.1.5.5.7.3.8"], ekuCritical: true);
        Tsa = new SoftwareTimestampAuthority(tsaKp.Private, tsaCert, [tsaCert, Root]);
        TsaPrivate = tsaKp.Private;
        TsaCert = tsaCert;

        var toolKp = TestPki.RsaKeyPair(out _);
        var toolCert = TestPki.Issue("CN=Other Tool Signer,O=Partner,C=CN", toolKp.Public, Root, rootKp.Private, ca: false, KeyUsage.DigitalSignature | KeyUsage.NonRepudiation);
        OtherTool = new OtherToolSigner(toolKp.Private, toolCert, [toolCert, Root]);

        var otherRootKp = TestPki.RsaKeyPair(out _);
        var otherRoot = TestPki.Issue("CN=Untrusted Root,O=Elsewhere", otherRootKp.Public, null, otherRootKp.Private, ca: true, KeyUsage.KeyCertSign | KeyUsage.CrlSign);
        var otherKp = TestPki.RsaKeyPair(out var otherRsa);
        var otherCert = TestPki.Issue("CN=Untrusted Signer", otherKp.Public, otherRoot, otherRootKp.Private, ca: false, KeyUsage.DigitalSignature | KeyUsage.NonRepudiation);
        UntrustedKey = new SoftwareSigningKey(otherRsa, [otherCert, otherRoot], "untrusted");

        NssDir = Path.Combine(Path.GetTempPath(), "portal-nss-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(NssDir);
        var rootPem = Path.Combine(NssDir, "root.pem");
        File.WriteAllText(rootPem, "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(Root.GetEncoded(), Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n");
        Tools.Run("certutil", $"-N -d sql:{NssDir} --empty-password");
        Tools.Run("certutil", $"-A -d sql:{NssDir} -n \"Portal Test Root\" -t \"CT,C,C\" -a -i {rootPem}");
    }

    public X509Certificate Root { get; }

    internal AsymmetricKeyParameter RootPrivate { get; }

    internal AsymmetricKeyParameter TsaPrivate { get; }

    public X509Certificate TsaCert { get; }

    /// <summary>The organization seal key (signer cert without EKU).</summary>
    public ISigningKey Key { get; }

    /// <summary>A second signer (EKU emailProtection + documentSigning).</summary>
    public ISigningKey Key2 { get; }

    /// <summary>A third signer.</summary>
    public ISigningKey Key3 { get; }

    /// <summary>A key whose chain ends in a root nobody trusts.</summary>
    public ISigningKey UntrustedKey { get; }

    public SoftwareTimestampAuthority Tsa { get; }

    /// <summary>A third-party signer (PDFsharp + BouncyCastle CMS) for "already signed elsewhere" inputs.</summary>
    public OtherToolSigner OtherTool { get; }

    public string NssDir { get; }

    public IReadOnlyList<X509Certificate> TrustAnchors => [Root];

    public void Dispose()
    {
        try
        {
            Directory.Delete(NssDir, recursive: true);
        }
        catch (IOException)
        {
        }
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
        var path = Path.Combine(Path.GetTempPath(), "portal-" + Guid.NewGuid().ToString("N") + ext);
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
            return Run("qpdf", $"--check {f}", allowFailure: true);
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
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"/tmp/portal-[0-9a-f]+\.pdf", "F"))
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
