using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;
using Portal.Application.Signing;
using Portal.Application.SigningTasks;
using Portal.Application.Spaces;
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
/// And a signer who must stamp with an organization seal of a designated type that needs a per-use approval.
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

    /// <summary>Runs a use case in the portal as the user with <paramref name="phone"/>, in 示例学院's space.</summary>
    private async Task<T> AsAsync<TUseCase, T>(string phone, Func<TUseCase, Task<T>> act) where TUseCase : notnull
    {
        Guid user, org;
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, null);
            user = (await db.Users.SingleAsync(u => u.UserName == phone)).Id;
            org = (await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Name == "示例学院")).Id;
            scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(user, []);
            ResultAssert.Ok(await scope.ServiceProvider.GetRequiredService<SwitchSpace>().ExecuteAsync(org));
        }
        await using var run = Site.Services.CreateAsyncScope();
        run.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(user, []);
        return await act(run.ServiceProvider.GetRequiredService<TUseCase>());
    }

    [Fact]
    public async Task A_signer_who_must_use_an_organization_seal_chooses_it_applies_for_its_use_signs_once_approved_and_the_download_is_in_the_trail()
    {
        _ = Site.ServerAddress;
        // 示例学院's policy: every use of an official seal (公章, department seals) needs a seal admin's approval.
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            var factory = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>();
            Guid org;
            await using (var all = factory.CreateForScope(null, null))
            {
                org = (await all.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Name == "示例学院")).Id;
            }
            await using var db = factory.CreateForScope(org, null);
            var policy = await SealPolicies.EnsureAsync(db, org, DateTime.UtcNow);
            policy.Rules.Single(r => r.SealId == null && r.SealType == SealType.Official).RequiresUseApproval = true;
            await db.SaveChangesAsync();
        }
        // 陈静 sends a task in which 黄磊 stamps with an official seal.
        var huangId = await AsAsync<SearchTaskDirectory, Guid>(Demo.UniversityOwner, async s => ResultAssert.Ok(await s.ExecuteAsync("黄磊")).Single().UserId);
        var saved = await AsAsync<SaveTaskDraft, Result<SavedTaskDraft>>(Demo.UniversityOwner, s => s.ExecuteAsync(new SaveTaskDraftCommand(null,
            "计算机学院实验室建设方案", null, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)), SigningOrder.Sequential, null,
            [TaskDocumentInput.New("建设方案.pdf", TestPdfs.Make(1))], [new TaskParticipantInput(huangId, ParticipantSignAs.OrganizationSeal, SealType.Official)], [])));
        var task = ResultAssert.Ok(saved).TaskId;
        ResultAssert.Ok(await AsAsync<SendTask, Result>(Demo.UniversityOwner, s => s.ExecuteAsync(task)));

        // 黄磊 sees the official seals: the department's, which he holds, needs an approval; he places it and applies.
        var huang = await LoginAsync(Demo.CsHead);
        await TaskSteps.GoAsync(huang, $"/signing/tasks/{task}/sign");
        var seal = huang.Locator("[data-testid=seal-option]", new() { HasText = "计算机学院印章" });
        await Assertions.Expect(seal).ToContainTextAsync("需用印审批");
        await seal.ClickAsync();
        await huang.Locator("[data-testid=pdf-pages][data-rendered='1']").WaitForAsync();
        await huang.Locator(".pdf-page[data-page='1'] canvas").ClickAsync(new() { Position = new() { X = 400, Y = 600 } });
        await Assertions.Expect(huang.Locator("[data-testid=stamp-chip]")).ToHaveCountAsync(1);
        await huang.FillAsync("[data-testid=use-reason]", "实验室建设方案盖章");
        await huang.ClickAsync("[data-testid=use-submit]");
        await Assertions.Expect(huang.Locator("[data-testid=task-approval]")).ToContainTextAsync("正在审批中");

        // 杨帆 approves; back on the page the approved seal and placement are chosen, and 黄磊 signs with the PIN.
        var request = await AsAsync<IPortalDbContextFactory, Guid>(Demo.UniversitySealAdmin, async f =>
        {
            await using var db = await f.CreateAsync();
            return await db.SealUseRequests.Where(r => r.ApplicantUserId == huangId).Select(r => r.Id).SingleAsync();
        });
        ResultAssert.Ok(await AsAsync<DecideUseRequest, Result>(Demo.UniversitySealAdmin, s => s.ExecuteAsync(request, true, "同意")));
        await TaskSteps.GoAsync(huang, $"/signing/tasks/{task}/sign");
        await Assertions.Expect(huang.Locator("[data-testid=task-approval]")).ToContainTextAsync("已批准");
        await huang.FillAsync("[data-testid=sign-pin]", Portal.Application.Seeding.DemoSeed.SigningPin);
        await huang.ClickAsync("[data-testid=sign-confirm]");
        try
        {
            await Assertions.Expect(huang.Locator("[data-testid=turn-info]")).ToContainTextAsync("已签 1 次");
        }
        catch (PlaywrightException)
        {
            await Steps.ScreenshotAsync(huang, "task-seal-sign-failed");
            throw;
        }
        await huang.ClickAsync("[data-testid=turn-finish]");
        await Assertions.Expect(huang.Locator("[data-testid=task-status]")).ToHaveTextAsync("已完成");

        // His download of the stamped document is in the task's trail, with the outcome.
        await huang.RunAndWaitForDownloadAsync(() => huang.Locator("[data-testid=document-download]").ClickAsync());
        await TaskSteps.GoAsync(huang, $"/signing/tasks/{task}");
        var downloaded = huang.Locator("[data-testid=trail-event]", new() { Has = huang.Locator("[data-testid=trail-action]", new() { HasText = "下载" }) });
        await Assertions.Expect(downloaded).ToContainTextAsync("黄磊");
        await Assertions.Expect(downloaded).ToContainTextAsync("成功");
    }
}
