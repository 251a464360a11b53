using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Verification;
using Portal.Tests.Signing.Pdf;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;
using Portal.Web.Components.Pages.Verify;
using Portal.Web.Hosting;

namespace Portal.Tests.Web;

/// <summary>文档验证's report panel with the real verifier and PDF report on the test database.</summary>
public sealed class VerifyPanelTests
{
    /// <summary>The in-portal panel never asks for a captcha; the page's human check is not under test here.</summary>
    private sealed class NoHumanCheck : IHumanCheck
    {
        public string NewChallenge() => throw new InvalidOperationException("the in-portal panel asks no captcha");

        public string ImageUrl(string id) => throw new InvalidOperationException("the in-portal panel asks no captcha");

        public bool Check(string? id, string? answer) => throw new InvalidOperationException("the in-portal panel asks no captcha");
    }

    [Fact]
    public async Task Each_signature_shows_its_seal_image_or_says_none_and_the_pdf_report_carries_the_images()
    {
        var pdf = await SealImagePdfs.TwoSealsAndATextOnlySignatureAsync();
        await using var db = await TestDatabase.CreateAsync();
        await using var scope = db.As(null);
        await using var ctx = PortalBunit.Create();
        foreach (var t in new[] { typeof(VerifyDocument), typeof(IVerificationReportPdf), typeof(ICurrentUser) })
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }

        ctx.Services.AddSingleton(new VerifyThrottle(new MemoryCache(new MemoryCacheOptions()), new VerifyLimits(10, TimeSpan.FromMinutes(1), 3), TimeProvider.System));
        ctx.Services.AddSingleton<IHumanCheck>(new NoHumanCheck());

        var panel = ctx.Render<VerifyPanel>();
        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(pdf, "contract.pdf", contentType: "application/pdf"));
        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=verify-signature]").Count), TimeSpan.FromSeconds(30));

        var images = panel.FindAll("[data-testid=verify-seal-image]");
        Assert.Equal(2, images.Count);
        foreach (var img in images)
        {
            var src = img.GetAttribute("src")!;
            Assert.StartsWith("data:image/png;base64,", src, StringComparison.Ordinal);
            var (width, height) = SealImageTests.PngSize(Convert.FromBase64String(src["data:image/png;base64,".Length..]));
            Assert.Equal((192, 192), (width, height));
            Assert.Equal("96", img.GetAttribute("width"));
            Assert.Equal("合同专用章", img.GetAttribute("alt"));
        }

        var none = Assert.Single(panel.FindAll("[data-testid=verify-seal-none]"));
        Assert.Contains("无", none.TextContent, StringComparison.Ordinal);

        // The downloadable report draws the seal image (one image per seal shown) and says "none" for the third.
        var href = panel.Find("[data-testid=verify-report-pdf]").GetAttribute("href")!;
        var report = System.Text.Encoding.Latin1.GetString(Convert.FromBase64String(href[(href.IndexOf(',', StringComparison.Ordinal) + 1)..]));
        Assert.Contains("/Subtype /Image", report.Replace("/Subtype/Image", "/Subtype /Image", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
