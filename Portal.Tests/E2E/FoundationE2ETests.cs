using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Tests.Support;

namespace Portal.Tests.E2E;

[Collection(E2ECollection.Name)]
public class FoundationE2ETests(E2EFixture fx)
{
    [Fact]
    public async Task A_person_registers_with_the_code_from_the_outbox_and_logs_in()
    {
        var page = await fx.NewPageAsync();
        const string phone = "13566667777";
        await page.GotoAsync("/account/register");
        await page.FillAsync("[data-testid=phone]", phone);
        // The test host's captcha answer source knows the answer a person would read off the image.
        await page.FillAsync("[data-testid=captcha]", KnownCaptchaChallenges.Answer);
        await page.ClickAsync("[data-testid=send-code]");
        await page.WaitForSelectorAsync("[data-testid=info]");

        // The development SMS gateway writes to the outbox page: read the code there, as a person would.
        var outbox = await page.Context.NewPageAsync();
        await outbox.GotoAsync("/dev/outbox");
        var text = await outbox.Locator($"[data-testid=outbox-row][data-phone='{phone}'] [data-testid=outbox-text]").First.InnerTextAsync();
        var code = Regex.Match(text, @"\d{6}").Value;
        await outbox.CloseAsync();

        // Values typed before the first post were kept by the form; fill the rest.
        await page.FillAsync("[data-testid=phone]", phone);
        await page.FillAsync("[data-testid=name]", "测试用户");
        await page.FillAsync("[data-testid=password]", "Register#2026");
        await page.FillAsync("[data-testid=confirm]", "Register#2026");
        await page.FillAsync("[data-testid=code]", code);
        await page.CheckAsync("[data-testid=terms]");
        await Steps.ScreenshotAsync(page, "register-filled");
        await page.ClickAsync("[data-testid=register]");
        await page.WaitForURLAsync(new Regex("/account/login"));

        await Steps.LoginAsync(page, phone, "Register#2026");
        Assert.Equal(["Personal", "Signing"], await Steps.NavAreasAsync(page));
        await Steps.ScreenshotAsync(page, "registered-user-home");
    }

    /// <summary>
    /// The role → area matrix in a real browser, once: the interactive nav after the circuit is up, our CSP with no refusal,
    /// and a denied area. Every role's areas are the integration test's (LoginAndAreasTests: each URL per role, server side)
    /// and the component test's (NavMenuTests: every role combination).
    /// </summary>
    [Fact]
    public async Task The_owner_sees_the_owners_areas_in_the_browser_and_is_denied_the_platform()
    {
        const string role = "owner", phone = Demo.EnterpriseOwner;
        string[] areas = ["Personal", "Console", "Organization", "Seals", "Authorization", "Certificates", "Signing"];
        var page = await fx.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        await Steps.LoginAsync(page, phone);
        Assert.Equal(areas, await Steps.NavAreasAsync(page));
        await Steps.ScreenshotAsync(page, $"role-{role}");
        // Our pages run under their own CSP without a refusal (an inline script once showed one on every page).
        Assert.DoesNotContain(consoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        await page.GotoAsync("/platform");
        await page.WaitForSelectorAsync("[data-testid=access-denied]");
    }

    [Fact]
    public async Task A_member_of_two_organizations_switches_space_and_language()
    {
        var page = await fx.NewPageAsync();
        await Steps.LoginAsync(page, Demo.EnterpriseMember);
        var switcher = page.Locator("[data-testid=space-switcher]");
        await Assertions.Expect(switcher).ToContainTextAsync("示例科技有限公司");

        await switcher.ClickAsync();
        await Steps.ClickAndReloadAsync(page, "[data-testid=space-option]:has-text('示例学院')");
        await Assertions.Expect(page.Locator("[data-testid=space-switcher]")).ToContainTextAsync("示例学院");

        // The personal space has no organization areas.
        await page.Locator("[data-testid=space-switcher]").ClickAsync();
        await Steps.ClickAndReloadAsync(page, "[data-testid=space-option][data-space=personal]");
        Assert.Equal(["Personal", "Signing"], await Steps.NavAreasAsync(page));

        // Language: zh-CN by default, English after the switch, kept across pages.
        await Assertions.Expect(page.Locator("[data-area=Personal]")).ToContainTextAsync("个人中心");
        await page.ClickAsync("[data-testid=language]");
        await Steps.ClickAndReloadAsync(page, "[data-testid=lang-en]");
        await Assertions.Expect(page.Locator("[data-area=Personal]")).ToContainTextAsync("Personal");
        await Steps.ScreenshotAsync(page, "switched-space-english");
    }
}

[Collection(E2ECollection.Name)]
public class AccessChangeE2ETests(E2EFixture fx)
{
    [Fact]
    public async Task A_removed_member_loses_the_organization_in_the_open_page_at_once()
    {
        var page = await fx.NewPageAsync();
        await Steps.LoginAsync(page, Demo.EnterpriseMember2);
        await page.GotoAsync("/console");
        await Steps.WaitInteractiveAsync(page);
        Assert.Contains("Console", await Steps.NavAreasAsync(page));
        await page.EvaluateAsync("() => { window.__beforeReload = true; }");

        // The owner removes her (through the same use case the organization page calls).
        await using (var scope = fx.Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Portal.Application.Common.IPortalDbContextFactory>();
            await using var ctx = db.CreateForScope(null, null);
            var owner = await ctx.Users.Where(u => u.UserName == Demo.EnterpriseOwner).Select(u => u.Id).SingleAsync();
            var member = await ctx.Users.Where(u => u.UserName == Demo.EnterpriseMember2).Select(u => u.Id).SingleAsync();
            var membership = await ctx.Memberships.IgnoreQueryFilters().Where(m => m.UserId == member).Select(m => m.Id).SingleAsync();
            scope.ServiceProvider.GetRequiredService<Portal.Application.Common.MutableCurrentUser>().Set(owner, []);
            var removed = await scope.ServiceProvider.GetRequiredService<Portal.Application.Organizations.RemoveMember>().ExecuteAsync(membership);
            ResultAssert.Ok(removed);
        }

        // Her open page reloads by itself into what she may still see: no organization areas.
        await page.WaitForFunctionAsync("() => window.__beforeReload === undefined");
        await Steps.WaitInteractiveAsync(page);
        Assert.Equal(["Personal", "Signing"], await Steps.NavAreasAsync(page));
        await page.GotoAsync("/console");
        await page.WaitForSelectorAsync("[data-testid=access-denied]");
    }
}
