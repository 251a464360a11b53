using Microsoft.Playwright;
using Portal.Tests.Signing.Support;

namespace Portal.Tests.E2E;

/// <summary>The public verification page in a real browser, without an account.</summary>
[Collection(E2ECollection.Name)]
public class VerifyE2ETests(E2EFixture fx)
{
    [Fact]
    public async Task Anyone_uploads_a_pdf_on_the_public_page_and_reads_the_verdict()
    {
        var page = await fx.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(m.Text);
            }
        };
        await page.GotoAsync("/verify");
        await Steps.WaitInteractiveAsync(page);
        var file = Path.Combine(Portal.Tests.Support.TestTemp.NewFolder("verify-e2e"), "unsigned.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, TestPdfs.Make(1));
        await page.Locator("input[type=file]").SetInputFilesAsync(file);

        var verdict = page.Locator("[data-testid=verify-verdict]");
        await verdict.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("indeterminate", await verdict.GetAttributeAsync("data-verdict"));
        Assert.Contains("SIGNED_DATA_NOT_FOUND", await verdict.InnerTextAsync(), StringComparison.Ordinal);

        // A signed document: each signature's seal image is shown (a data: URL, which our CSP's img-src allows) or "none".
        var signed = Path.Combine(Path.GetDirectoryName(file)!, "signed.pdf");
        await File.WriteAllBytesAsync(signed, await SealImagePdfs.TwoSealsAndATextOnlySignatureAsync());
        // MudFileUpload adds a fresh input after each upload: the last one is live.
        await page.Locator("input[type=file]").Last.SetInputFilesAsync(signed);
        var images = page.Locator("[data-testid=verify-seal-image]");
        await images.Nth(1).WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(2, await images.CountAsync());
        // Decoded and laid out by the browser: the PNG's own size, shown at 96 CSS pixels.
        Assert.Equal(192, await images.First.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : -1"));
        Assert.Equal(96, await images.First.EvaluateAsync<int>("img => img.getBoundingClientRect().width"));
        Assert.Equal(1, await page.Locator("[data-testid=verify-seal-none]").CountAsync());
        await Steps.ScreenshotAsync(page, "verify-public");
        Assert.Empty(refused);
    }
}
