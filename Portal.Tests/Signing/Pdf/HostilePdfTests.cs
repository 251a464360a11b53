using System.Text;
using Org.BouncyCastle.X509;
using Portal.Signing;
using Portal.Signing.Pdf;
using Portal.Signing.Pdf.Verification;
using Portal.Tests.Signing.Support;

namespace Portal.Tests.Signing.Pdf;

/// <summary>
/// The hostile corpus (issue 12) through sign and verify: each input is refused with a typed code or handled, nothing
/// escapes as another exception, and verification never says TOTAL_PASSED for an unsigned or broken file. A software
/// key keeps these off the SoftHSM2 pool (the parser is what is under test).
/// </summary>
public sealed class HostilePdfTests
{
    private static readonly Lazy<(SoftwareSigningKey Key, X509Certificate Root)> Signer = new(() =>
    {
        var rootKp = TestPki.RsaKeyPair(out _);
        var root = TestPki.Issue("CN=Hostile Test Root", rootKp.Public, null, rootKp.Private, ca: true, Org.BouncyCastle.Asn1.X509.KeyUsage.KeyCertSign | Org.BouncyCastle.Asn1.X509.KeyUsage.CrlSign);
        var leafKp = TestPki.RsaKeyPair(out var rsa);
        var leaf = TestPki.Issue("CN=Hostile Test Signer", leafKp.Public, root, rootKp.Private, ca: false, Org.BouncyCastle.Asn1.X509.KeyUsage.DigitalSignature | Org.BouncyCastle.Asn1.X509.KeyUsage.NonRepudiation);
        return (new SoftwareSigningKey(rsa, [leaf, root], "hostile"), root);
    });

    public static TheoryData<HostileCase> Corpus() => [.. HostilePdfs.All()];

    private static async Task<(byte[]? Signed, SigningException? Refusal)> TrySign(byte[] pdf, bool keyword)
    {
        var request = new PdfSignRequest
        {
            Face = SealAppearance.Ring(100),
            Stamps = [keyword ? new KeywordStamp("page") : new SingleStamp(1, 100, 100)],
        };
        try
        {
            return ((await new PdfSigner().SignAsync(pdf, request, Signer.Value.Key, tsa: null)).Pdf, null);
        }
        catch (SigningException ex)
        {
            return (null, ex);
        }
    }

    private static Task<PdfVerificationReport> Verify(byte[] pdf) =>
        new PdfVerifier(new PdfVerificationOptions { TrustAnchors = [Signer.Value.Root] }).VerifyAsync(pdf);

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Each_hostile_input_is_refused_with_a_code_or_signed_and_never_passes_unsigned(HostileCase c)
    {
        var (signed, refusal) = await TrySign(c.Pdf, c.Keyword);

        switch (c.Outcome)
        {
            case HostileOutcome.Refused:
                Assert.True(refusal is not null, $"{c.Name}: signed, expected a refusal ({string.Join("|", c.Codes)})");
                Assert.Contains(refusal.Code, c.Codes);
                break;
            case HostileOutcome.Signed:
                Assert.True(signed is not null, $"{c.Name}: refused with {refusal?.Code}: {refusal?.Message}");
                break;
            default:
                Assert.True(refusal is null || c.Codes.Contains(refusal.Code), $"{c.Name}: refused with {refusal?.Code}: {refusal?.Message}");
                break;
        }

        if (refusal is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        }

        var unsigned = await Verify(c.Pdf);
        Assert.NotEqual(Indication.TotalPassed, unsigned.Indication);
        if (signed is not null && c.Outcome == HostileOutcome.Signed)
        {
            var report = await Verify(signed);
            Assert.True(report.Indication == Indication.TotalPassed, $"{c.Name}: {report.SubIndication} {string.Join("; ", report.Signatures.SelectMany(s => s.Messages))}");
        }
    }

    [Fact]
    public async Task Byte_flips_in_a_signed_file_never_pass_unless_they_only_touch_the_unused_signature_padding()
    {
        var (signed, _) = await TrySign(HostilePdfs.Basic(), keyword: false);
        Assert.NotNull(signed);
        var contents = Encoding.Latin1.GetString(signed).LastIndexOf("/Contents <", StringComparison.Ordinal) + 10;
        var contentsEnd = Encoding.Latin1.GetString(signed).IndexOf('>', contents);
        var random = new Random(7);
        var passed = 0;
        for (var i = 0; i < 60; i++)
        {
            var copy = (byte[])signed.Clone();
            var touched = new List<int>();
            for (var k = 0; k < 1 + random.Next(4); k++)
            {
                var at = random.Next(copy.Length);
                copy[at] ^= (byte)(1 << random.Next(8));
                touched.Add(at);
            }

            var report = await Verify(copy);
            if (report.Indication == Indication.TotalPassed)
            {
                passed++;
                Assert.All(touched, at => Assert.InRange(at, contents, contentsEnd));
            }
        }

        Assert.True(passed < 60, "no flip was ever detected");
    }

    [Fact]
    public async Task Truncations_of_a_signed_file_never_pass()
    {
        var (signed, _) = await TrySign(HostilePdfs.Basic(), keyword: false);
        Assert.NotNull(signed);
        foreach (var c in HostilePdfs.Truncations(signed, 30))
        {
            Assert.NotEqual(Indication.TotalPassed, (await Verify(c.Pdf)).Indication);
        }
    }

    [Fact]
    public async Task A_signature_value_of_deeply_nested_asn1_is_a_format_failure()
    {
        var (signed, _) = await TrySign(HostilePdfs.Basic(), keyword: false);
        Assert.NotNull(signed);
        var text = Encoding.Latin1.GetString(signed);
        var start = text.LastIndexOf("/Contents <", StringComparison.Ordinal) + 11;
        var end = text.IndexOf('>', start);
        // SEQUENCE, indefinite length, nested as deep as the reserved space allows.
        var nested = string.Concat(Enumerable.Repeat("3080", (end - start) / 4));
        var hostile = Encoding.Latin1.GetBytes(text[..start] + nested + text[(start + nested.Length)..]);

        var report = await Verify(hostile);

        Assert.Equal(Indication.TotalFailed, report.Indication);
        Assert.Equal(SubIndication.FormatFailure, report.Signatures[0].SubIndication);
    }

    [Fact]
    public async Task A_form_field_tree_thousands_deep_is_a_format_failure()
    {
        var bodies = new List<string> { "<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [4 0 R]>>>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>", "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>" };
        for (var i = 0; i < 5_000; i++)
        {
            bodies.Add($"<</T (f{i}) /Kids [{i + 5} 0 R]>>");
        }

        bodies.Add("<</T (sig) /FT /Sig /V <</ByteRange [0 1 2 3] /Contents <00>>>>>");
        var report = await Verify(HostilePdfs.Build([.. bodies]));
        Assert.Equal(SubIndication.FormatFailure, report.SubIndication);
    }

    [Fact]
    public async Task Ten_thousand_revisions_after_a_signature_are_refused_by_the_verifier()
    {
        var (signed, _) = await TrySign(HostilePdfs.Basic(), keyword: false);
        Assert.NotNull(signed);
        var tail = Encoding.Latin1.GetBytes(string.Concat(Enumerable.Repeat("%%EOF\n", 10_000)));
        var report = await Verify([.. signed, .. tail]);
        Assert.NotEqual(Indication.TotalPassed, report.Indication);
    }

    [Fact]
    public async Task Streams_whose_endstream_is_far_away_run_into_the_time_budget()
    {
        // 20,000 streams with a wrong /Length and one "endstream" 4 MB later: each read scans megabytes to find its end.
        var bodies = new List<string> { "<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>", "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>" };
        for (var i = 0; i < 20_000; i++)
        {
            bodies.Add("<</Length 1>>\nstream\n" + new string('x', 200));
        }

        bodies.Add("<</Length 1>>\nstream\nx\nendstream");
        var pdf = HostilePdfs.Build([.. bodies]);
        var options = new PdfSigningOptions { Limits = new Portal.Signing.Pdf.Parsing.PdfParseLimits { TimeBudget = TimeSpan.FromMilliseconds(300) } };
        var request = new PdfSignRequest { Face = SealAppearance.Ring(100), Stamps = [new KeywordStamp("page")] };

        var refusal = await Assert.ThrowsAsync<SigningException>(() => new PdfSigner(options).SignAsync(pdf, request, Signer.Value.Key, tsa: null));

        Assert.Equal("pdf.too_complex", refusal.Code);
        Assert.Contains("longer than", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_nesting_is_measured_outside_strings_and_comments()
    {
        Assert.Equal(2, KeywordFinder.ContentNesting("[ << /A 1 >> ] (x [[[[ \\) y) % [[[[[\n"u8));
        Assert.Equal(3, KeywordFinder.ContentNesting("[[[ ]]] [ ]"u8));
    }
}
