using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Application.Common;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pdf;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;

namespace Portal.Tests.E2E;

/// <summary>
/// 示例学院 with a real HSM pool: 周杰 (计算机学院) applies for the department seal, 黄磊 (head) and 杨帆 (seal admin) approve,
/// 周杰 signs a PDF on the single-party page (the download verifies in pdfsig), the ledger shows it, 杨帆 revokes, and 周杰's
/// next attempt is refused with the reason.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class SingleSigningE2ETests(E2EFixture fx, SoftHsmFixture hsm) : PoolPortalTests(fx, hsm)
{
    private static async Task UploadAsync(IPage page, string file)
    {
        await GoAsync(page, "/signing/single");
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        await page.Locator("[data-testid=document-info]").WaitForAsync();
    }

    [Fact]
    public async Task A_member_gets_the_department_seal_signs_a_pdf_that_verifies_and_after_revocation_is_refused_with_the_reason()
    {
        _ = Site.ServerAddress;
        // Real-name verification is the personal area's flow; 周杰 is verified here directly.
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, null);
            var zhouUser = await db.Users.SingleAsync(u => u.UserName == Demo.CsMember);
            zhouUser.RealNameVerifiedAtUtc ??= DateTime.UtcNow;
            await db.SaveChangesAsync();
        }

        var zhou = await LoginAsync(Demo.CsMember);
        await GoAsync(zhou, "/authorization");
        await zhou.ClickAsync("[data-testid=grant-apply]");
        await zhou.Locator(".mud-dialog .mud-select").First.ClickAsync();
        await zhou.Locator(".mud-popover-open .mud-list-item", new() { HasText = "计算机学院印章" }).ClickAsync();
        // The server has the choice once the select shows it (as in GrantRequestE2ETests): submitting earlier raced it.
        await Assertions.Expect(zhou.Locator(".mud-dialog .mud-select input").First).ToHaveValueAsync("计算机学院印章");
        await zhou.FillAsync("[data-testid=request-reason]", "签署实验室设备采购合同");
        await zhou.ClickAsync("[data-testid=request-submit]");
        try
        {
            await zhou.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        }
        catch (TimeoutException)
        {
            await Steps.ScreenshotAsync(zhou, "single-signing-apply-failed");
            throw;
        }

        var huang = await LoginAsync(Demo.CsHead);
        await GoAsync(huang, "/authorization/requests");
        await huang.FillAsync("[data-testid=decide-reason]", "同意");
        await huang.ClickAsync("[data-testid=decide-approve]");
        await Assertions.Expect(huang.Locator("[data-testid=decide-row]")).ToHaveCountAsync(0);
        var yang = await LoginAsync(Demo.UniversitySealAdmin);
        await GoAsync(yang, "/authorization/requests");
        await yang.ClickAsync("[data-testid=decide-approve]");
        await Assertions.Expect(yang.Locator("[data-testid=decide-row]")).ToHaveCountAsync(0);

        // 周杰 signs on the single-party page: upload, choose the seal, click the page, confirm with the PIN.
        var input = TestPdfs.Make(2);
        var file = Path.Combine(TestTemp.NewFolder("e2e"), "实验室采购合同.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, input);
        await UploadAsync(zhou, file);
        await zhou.Locator("[data-testid=seal-option]", new() { HasText = "计算机学院印章" }).ClickAsync();
        await zhou.Locator("[data-testid=pdf-pages][data-rendered='2']").WaitForAsync();
        await zhou.Locator(".pdf-page[data-page='1'] canvas").ClickAsync(new() { Position = new() { X = 400, Y = 700 } });
        await Assertions.Expect(zhou.Locator("[data-testid=stamp-chip]")).ToHaveCountAsync(1);
        await Assertions.Expect(zhou.Locator("[data-testid=stamp-marker]")).ToHaveCountAsync(1);
        await zhou.FillAsync("[data-testid=sign-pin]", Portal.Application.Seeding.DemoSeed.SigningPin);
        await zhou.ClickAsync("[data-testid=sign-confirm]");
        await zhou.Locator("[data-testid=signing-done]").WaitForAsync();
        await Steps.ScreenshotAsync(zhou, "single-signing-done");
        var download = await zhou.RunAndWaitForDownloadAsync(() => zhou.ClickAsync("[data-testid=signed-download]"));
        Assert.Equal("实验室采购合同-signed.pdf", download.SuggestedFilename);
        var signedPath = file + ".signed.pdf";
        await download.SaveAsAsync(signedPath);

        var nss = Path.Combine(Path.GetDirectoryName(file)!, "nss");
        Directory.CreateDirectory(nss);
        Tools.Run("certutil", $"-N -d sql:{nss} --empty-password");
        var root = Tools.TempFile(Site.Services.GetRequiredService<PlatformCa>().RootCertificate.GetEncoded(), ".der");
        Tools.Run("certutil", $"-A -d sql:{nss} -n \"Portal Root\" -t \"CT,C,C\" -i {root}");
        var report = Tools.Run("pdfsig", $"-nssdir sql:{nss} {signedPath}", allowFailure: true).Output;
        Assert.Contains("Signature is Valid", report);
        Assert.Contains("Certificate is Trusted", report);

        // The ledger shows the use to 周杰 and to the seal admin.
        await GoAsync(zhou, "/signing/ledger");
        await Assertions.Expect(zhou.Locator("[data-testid=ledger-document]")).ToHaveTextAsync("实验室采购合同.pdf");
        await GoAsync(yang, "/signing/ledger");
        var ledgerRow = yang.Locator("tr", new() { Has = yang.Locator("[data-testid=ledger-document]", new() { HasText = "实验室采购合同.pdf" }) });
        await Assertions.Expect(ledgerRow.Locator("[data-testid=ledger-user]")).ToHaveTextAsync("周杰");
        await Assertions.Expect(ledgerRow.Locator("[data-testid=ledger-seal]")).ToHaveTextAsync("计算机学院印章");

        // 杨帆 revokes; 周杰's next attempt shows the reason and what to do.
        await GoAsync(yang, "/authorization");
        var yangRow = yang.Locator("[data-testid=grant-row]", new() { HasText = "周杰" });
        await yangRow.Locator("[data-testid=grant-revoke]").ClickAsync();
        await yang.FillAsync("[data-testid=reason-input]", "项目结束");
        await yang.ClickAsync("[data-testid=reason-confirm]");
        await Assertions.Expect(yangRow.Locator("[data-testid=grant-state]")).ToContainTextAsync("已收回");

        await UploadAsync(zhou, file);
        var denied = zhou.Locator("[data-testid=seal-option]", new() { HasText = "计算机学院印章" }).Locator("[data-testid=seal-denied]");
        await Assertions.Expect(denied).ToContainTextAsync("你没有印章「计算机学院印章」的授权");
        await Assertions.Expect(denied).ToContainTextAsync("杨帆");
        await Steps.ScreenshotAsync(zhou, "single-signing-refused");
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        File.Delete(root);
    }

    [Fact]
    public async Task A_person_signs_with_their_name_seal_and_the_first_personal_signing_issues_their_certificate()
    {
        var wang = await LoginAsync(Demo.EnterpriseMember); // 王强: real-name verified by the seed, no personal certificate yet
        await GoAsync(wang, "/personal/signatures");
        await wang.ClickAsync("[data-testid=name-seal-make]");
        await Assertions.Expect(wang.Locator("[data-testid=signature-card]")).ToHaveCountAsync(1);

        var input = TestPdfs.Make(1);
        var file = Path.Combine(TestTemp.NewFolder("e2e"), "个人借款合同.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, input);
        await UploadAsync(wang, file);
        await wang.Locator("[data-testid=personal-signature-option]", new() { HasText = "王强" }).ClickAsync();
        await wang.Locator("[data-testid=pdf-pages][data-rendered='1']").WaitForAsync();
        await wang.Locator(".pdf-page[data-page='1'] canvas").ClickAsync(new() { Position = new() { X = 400, Y = 700 } });
        await Assertions.Expect(wang.Locator("[data-testid=stamp-chip]")).ToHaveCountAsync(1);
        await wang.FillAsync("[data-testid=sign-pin]", Portal.Application.Seeding.DemoSeed.SigningPin);
        await wang.ClickAsync("[data-testid=sign-confirm]");
        await wang.Locator("[data-testid=signing-done]").WaitForAsync();
        await Steps.ScreenshotAsync(wang, "personal-signing-done");
        var download = await wang.RunAndWaitForDownloadAsync(() => wang.ClickAsync("[data-testid=signed-download]"));
        var signedPath = file + ".signed.pdf";
        await download.SaveAsAsync(signedPath);

        var nss = Path.Combine(Path.GetDirectoryName(file)!, "nss");
        Directory.CreateDirectory(nss);
        Tools.Run("certutil", $"-N -d sql:{nss} --empty-password");
        var root = Tools.TempFile(Site.Services.GetRequiredService<PlatformCa>().RootCertificate.GetEncoded(), ".der");
        Tools.Run("certutil", $"-A -d sql:{nss} -n \"Portal Root\" -t \"CT,C,C\" -i {root}");
        var report = Tools.Run("pdfsig", $"-nssdir sql:{nss} {signedPath}", allowFailure: true).Output;
        Assert.Contains("Signature is Valid", report);
        Assert.Contains("Certificate is Trusted", report);
        Assert.Contains("Signer Certificate Common Name: 王强", report);

        // The use is in the personal certificate's operation records.
        await GoAsync(wang, "/personal/certificate-records");
        await Assertions.Expect(wang.Locator("[data-testid=operations]")).ToContainTextAsync("个人借款合同.pdf");
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        File.Delete(root);
    }
}
