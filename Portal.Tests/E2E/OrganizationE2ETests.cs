using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Application.Common;
using Portal.Tests.Support;

namespace Portal.Tests.E2E;

/// <summary>
/// The organization journey in a real browser: register, create and certify an organization by micro-deposit
/// (amount read from the dev bank's SMS in the outbox), invite an unknown number and a registered user, who accepts in the
/// personal space, another user applies to join, the owner approves from the to-do list, and the new member switches into
/// the organization.
/// </summary>
[Collection(E2ECollection.Name)]
public class OrganizationE2ETests(E2EFixture fx)
{
    private const string OwnerPhone = "13512340001";
    private const string InvitedPhone = "13512340002";
    private const string OrgName = "端到端测试有限公司";

    [Fact]
    public async Task Register_certify_by_micro_deposit_invite_approve_a_join_and_switch_space()
    {
        var owner = await fx.NewPageAsync();
        await RegisterAsync(owner, OwnerPhone, "新单位管理员");
        await Steps.LoginAsync(owner, OwnerPhone, "Register#2026");

        // Create the organization on behalf of its legal representative (the registrant is not verified as that person).
        await owner.GotoAsync("/personal/organizations/create");
        await Steps.WaitInteractiveAsync(owner);
        await FillAsync(owner, "org-name", OrgName);
        await FillAsync(owner, "org-uscc", Checksums.CompleteUscc("91350100MA2E2E001"));
        await FillAsync(owner, "org-legal-name", "某法人");
        await FillAsync(owner, "org-legal-id", Checksums.CompleteIdNumber("11010519850505123"));
        await owner.ClickAsync("[data-testid=org-create]");
        await owner.WaitForURLAsync(new Regex("/certify$"));
        await Steps.WaitInteractiveAsync(owner);
        await owner.WaitForSelectorAsync("[data-testid=cert-status]");

        // Business licence, then the micro-deposit: the dev bank tells the amount through the outbox.
        // InputFile hooks its change listener after rendering: a file set before that is not seen, so set it again.
        var licence = new FilePayload
        {
            Name = "licence.png",
            MimeType = "image/png",
            Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
        };
        await UploadAsync(owner, "upload-licence", licence, 1);
        await UploadAsync(owner, "upload-letter", licence, 2);
        await FillAsync(owner, "bank-name", "工商银行");
        await FillAsync(owner, "bank-account", "6222020200001234");
        await owner.ClickAsync("[data-testid=request-deposit]");
        await owner.WaitForSelectorAsync("[data-testid=deposit-state]");
        var bankSms = await OutboxTextAsync(owner, OwnerPhone, "DEV BANK");
        var amount = Regex.Match(bankSms, @"(\d+\.\d{2}) CNY").Groups[1].Value;
        await FillAsync(owner, "deposit-amount", amount);
        await owner.ClickAsync("[data-testid=confirm-deposit]");
        await owner.WaitForSelectorAsync("[data-testid=cert-done]");
        await Steps.ScreenshotAsync(owner, "org-certified");

        // The certified organization is a space now: switch into it and invite a number that has no account.
        await owner.ReloadAsync();
        await Steps.WaitInteractiveAsync(owner);
        await owner.ClickAsync("[data-testid=space-switcher]");
        await Steps.ClickAndReloadAsync(owner, $"[data-testid=space-option]:has-text('{OrgName}')");
        await owner.GotoAsync("/organization/members");
        await Steps.WaitInteractiveAsync(owner);
        await FillAsync(owner, "add-phone", InvitedPhone);
        await FillAsync(owner, "add-name", "受邀同事");
        await owner.ClickAsync("[data-testid=add-member]");
        await Assertions.Expect(owner.Locator("[data-testid=invitation-row]")).ToContainTextAsync("受邀同事");
        // A fixed text: the organization's name is read in the portal, never in an SMS an owner can fill.
        Assert.DoesNotContain(OrgName, await OutboxTextAsync(owner, InvitedPhone, "成员邀请"));

        // A registered user is invited the same way, and joins only by accepting in their personal space.
        await FillAsync(owner, "add-phone", Demo.CsHead);
        await FillAsync(owner, "add-name", "黄磊");
        await owner.ClickAsync("[data-testid=add-member]");
        await Assertions.Expect(owner.Locator("[data-testid=invitation-row]:has-text('黄磊')")).ToHaveCountAsync(1);
        var invitee = await fx.NewPageAsync();
        await Steps.LoginAsync(invitee, Demo.CsHead);
        await invitee.GotoAsync("/personal/organizations");
        await Steps.WaitInteractiveAsync(invitee);
        await Assertions.Expect(invitee.Locator("[data-testid=my-invitation]")).ToContainTextAsync(OrgName);
        await invitee.ClickAsync("[data-testid=my-invitation] [data-testid=accept-invitation]");
        await Assertions.Expect(invitee.Locator("[data-testid=my-org-list]")).ToContainTextAsync(OrgName);
        await Steps.ScreenshotAsync(invitee, "invitation-accepted");

        // Another user finds the organization and applies to join.
        var applicant = await fx.NewPageAsync();
        await Steps.LoginAsync(applicant, Demo.CsMember);
        await applicant.GotoAsync("/personal/join");
        await Steps.WaitInteractiveAsync(applicant);
        await FillAsync(applicant, "join-search", OrgName);
        await applicant.ClickAsync("[data-testid=join-search-go]");
        await applicant.Locator("[data-testid=join-hit]").First.ClickAsync();
        await FillAsync(applicant, "join-reason", "新项目合作");
        await applicant.ClickAsync("[data-testid=join-apply]");
        await applicant.WaitForURLAsync(new Regex("/personal/organizations$"));

        // The owner sees the badge and approves from the to-do list.
        await owner.GotoAsync("/organization");
        await Steps.WaitInteractiveAsync(owner);
        await Assertions.Expect(owner.Locator("[data-testid=todo-badge]")).ToHaveTextAsync("1");
        await owner.ClickAsync("[data-testid=nav-todos]");
        await owner.Locator("[data-testid=todo-row]:has-text('新项目合作') [data-testid=approve]").ClickAsync();
        await owner.WaitForSelectorAsync("[data-testid=todo-empty]");
        await Assertions.Expect(owner.Locator("[data-testid=todo-badge]")).ToHaveCountAsync(0);
        await Steps.ScreenshotAsync(owner, "join-approved");

        // The new member switches into the organization.
        await applicant.ReloadAsync();
        await Steps.WaitInteractiveAsync(applicant);
        await applicant.ClickAsync("[data-testid=space-switcher]");
        await Steps.ClickAndReloadAsync(applicant, $"[data-testid=space-option]:has-text('{OrgName}')");
        await Assertions.Expect(applicant.Locator("[data-testid=space-switcher]")).ToContainTextAsync(OrgName);
        await Steps.ScreenshotAsync(applicant, "member-switched-space");
    }

    /// <summary>
    /// InputFile hooks its change listener after rendering: a file set before that is not seen, so it is set again until the
    /// page shows <paramref name="uploadedCount"/> "已上传" chips.
    /// </summary>
    private static async Task UploadAsync(IPage page, string testId, FilePayload file, int uploadedCount)
    {
        for (var attempt = 0; ; attempt++)
        {
            await page.SetInputFilesAsync($"input[data-testid={testId}]", file);
            try
            {
                await Assertions.Expect(page.Locator("text=已上传")).ToHaveCountAsync(uploadedCount, new() { Timeout = 3_000 });
                return;
            }
            catch (Exception e) when (attempt < 4 && e is PlaywrightException or TimeoutException)
            {
            }
        }
    }

    private static Task FillAsync(IPage page, string testId, string value) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea")
            .First.FillAsync(value);

    /// <summary>The latest outbox message to <paramref name="phone"/> containing <paramref name="contains"/>, read in another tab.</summary>
    private static async Task<string> OutboxTextAsync(IPage page, string phone, string contains)
    {
        var outbox = await page.Context.NewPageAsync();
        await outbox.GotoAsync("/dev/outbox");
        var text = await outbox.Locator($"[data-testid=outbox-row][data-phone='{phone}'] [data-testid=outbox-text]").Filter(new() { HasText = contains })
            .First.InnerTextAsync();
        await outbox.CloseAsync();
        return text;
    }

    private static async Task RegisterAsync(IPage page, string phone, string name)
    {
        await page.GotoAsync("/account/register");
        await page.FillAsync("[data-testid=phone]", phone);
        // The test host's captcha answer source knows the answer a person would read off the image.
        await page.FillAsync("[data-testid=captcha]", KnownCaptchaChallenges.Answer);
        await page.ClickAsync("[data-testid=send-code]");
        await page.WaitForSelectorAsync("[data-testid=info]");
        var code = Regex.Match(await OutboxTextAsync(page, phone, "Portal"), @"\d{6}").Value;
        await page.FillAsync("[data-testid=phone]", phone);
        await page.FillAsync("[data-testid=name]", name);
        await page.FillAsync("[data-testid=password]", "Register#2026");
        await page.FillAsync("[data-testid=confirm]", "Register#2026");
        await page.FillAsync("[data-testid=code]", code);
        await page.CheckAsync("[data-testid=terms]");
        await page.ClickAsync("[data-testid=register]");
        await page.WaitForURLAsync(new Regex("/account/login"));
    }
}
