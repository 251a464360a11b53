using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Signing.Pdf.Verification;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pdf;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;

namespace Portal.Tests.E2E;

/// <summary>
/// 校内多人会签 at 示例学院 with the real HSM pool, in Chromium: 陈静 (owner) starts a countersign of the meeting minutes with
/// 黄磊 then 周杰 in order; 周杰 cannot open it before his turn; each signs with his name seal on the sign page (PIN) and
/// ends his turn; 周杰 then downloads the document, which carries both signatures, each valid in pdfsig and in our verifier.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class SigningTaskHsmE2ETests(E2EFixture fx, SoftHsmFixture hsm) : PoolPortalTests(fx, hsm)
{
    /// <summary>The signer makes their name seal, opens the task, stamps page 1 with it, confirms with the PIN and ends the turn.</summary>
    private static async Task SignTurnAsync(IPage page, Guid task, string name, int clickY)
    {
        await TaskSteps.GoAsync(page, "/personal/signatures");
        await page.ClickAsync("[data-testid=name-seal-make]");
        await Assertions.Expect(page.Locator("[data-testid=signature-card]")).ToHaveCountAsync(1);

        await TaskSteps.GoAsync(page, $"/signing/tasks/{task}/sign");
        await page.Locator("[data-testid=turn]").WaitForAsync();
        await page.Locator("[data-testid=personal-signature-option]", new() { HasText = name }).ClickAsync();
        await page.Locator("[data-testid=pdf-pages][data-rendered='1']").WaitForAsync();
        await page.Locator(".pdf-page[data-page='1'] canvas").ClickAsync(new() { Position = new() { X = 400, Y = clickY } });
        await Assertions.Expect(page.Locator("[data-testid=stamp-chip]")).ToHaveCountAsync(1);
        await page.FillAsync("[data-testid=sign-pin]", Portal.Application.Seeding.DemoSeed.SigningPin);
        await page.ClickAsync("[data-testid=sign-confirm]");
        try
        {
            await Assertions.Expect(page.Locator("[data-testid=turn-info]")).ToContainTextAsync("已签 1 次");
        }
        catch (PlaywrightException)
        {
            await Steps.ScreenshotAsync(page, "task-sign-failed");
            throw;
        }
        await page.ClickAsync("[data-testid=turn-finish]");
        await Assertions.Expect(page.Locator("[data-testid=turn]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Two_members_sign_the_minutes_in_turn_and_the_last_one_downloads_a_pdf_with_both_signatures_valid()
    {
        var chen = await LoginAsync(Demo.UniversityOwner);
        var pdf = await TaskSteps.PdfFileAsync("学院办公会议纪要.pdf");
        var task = await TaskSteps.ComposeAndSendAsync(chen, "学院办公会议纪要会签", pdf, allowRefusal: false, "黄磊", "周杰");

        // Sequential: 周杰 can neither open the task nor its document before 黄磊 has finished.
        var zhou = await LoginAsync(Demo.CsMember);
        await TaskSteps.GoAsync(zhou, $"/signing/tasks/{task}/sign");
        await Assertions.Expect(zhou.Locator("[data-testid=sign-refusal]")).ToBeVisibleAsync();
        await Assertions.Expect(zhou.Locator("[data-testid=turn]")).ToHaveCountAsync(0);

        var huang = await LoginAsync(Demo.CsHead);
        await SignTurnAsync(huang, task, "黄磊", 650);
        await SignTurnAsync(zhou, task, "周杰", 500);
        await Assertions.Expect(zhou.Locator("[data-testid=task-status]")).ToHaveTextAsync("已完成");
        await Steps.ScreenshotAsync(zhou, "task-completed");

        var download = await zhou.RunAndWaitForDownloadAsync(() => zhou.Locator("[data-testid=document-download]").ClickAsync());
        var signedPath = pdf + ".signed.pdf";
        await download.SaveAsAsync(signedPath);
        var signed = await File.ReadAllBytesAsync(signedPath);

        var folder = Path.GetDirectoryName(pdf)!;
        var nss = Path.Combine(folder, "nss");
        Directory.CreateDirectory(nss);
        Tools.Run("certutil", $"-N -d sql:{nss} --empty-password");
        var rootCertificate = Site.Services.GetRequiredService<PlatformCa>().RootCertificate;
        var root = Tools.TempFile(rootCertificate.GetEncoded(), ".der");
        Tools.Run("certutil", $"-A -d sql:{nss} -n \"Portal Root\" -t \"CT,C,C\" -i {root}");
        var report = Tools.Run("pdfsig", $"-nssdir sql:{nss} {signedPath}", allowFailure: true).Output;
        Assert.Equal(2, report.Split("Signature is Valid").Length - 1);
        Assert.Equal(2, report.Split("Certificate is Trusted").Length - 1);
        Assert.Contains("Signer Certificate Common Name: 黄磊", report);
        Assert.Contains("Signer Certificate Common Name: 周杰", report);
        var verified = await new PdfVerifier(new PdfVerificationOptions { TrustAnchors = [rootCertificate] }).VerifyAsync(signed);
        Assert.Equal(2, verified.Signatures.Count);
        Assert.All(verified.Signatures, s => Assert.Equal(Indication.TotalPassed, s.Indication));
        Directory.Delete(folder, recursive: true);
        File.Delete(root);
    }
}
