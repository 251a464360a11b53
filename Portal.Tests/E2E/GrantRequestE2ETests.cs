using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Signing.Pkcs11;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Support;

namespace Portal.Tests.E2E;

/// <summary>
/// 示例学院 with a real HSM pool (the department seal has its own key): a member of 计算机学院 applies for the department
/// seal, the department head approves, a seal admin approves, the member holds the grant; the seal admin revokes it.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class GrantRequestE2ETests(E2EFixture fx, SoftHsmFixture hsm) : PoolPortalTests(fx, hsm)
{
    [Fact]
    public async Task A_member_applies_two_approvers_decide_the_member_holds_the_grant_until_the_seal_admin_revokes_it()
    {
        // 周杰 applies for 计算机学院印章.
        var zhou = await LoginAsync(Demo.CsMember);
        await GoAsync(zhou, "/authorization");
        await zhou.ClickAsync("[data-testid=grant-apply]");
        await zhou.Locator(".mud-dialog .mud-select").First.ClickAsync();
        await zhou.Locator(".mud-popover-open .mud-list-item", new() { HasText = "计算机学院印章" }).ClickAsync();
        await Assertions.Expect(zhou.Locator(".mud-dialog .mud-select input").First).ToHaveValueAsync("计算机学院印章");
        await zhou.FillAsync("[data-testid=request-reason]", "签署实验室设备采购合同");
        await zhou.ClickAsync("[data-testid=request-submit]");
        // Either the dialog closes, or it shows why not (which fails the test with the message).
        await zhou.WaitForFunctionAsync("() => !document.querySelector('.mud-dialog') || document.querySelector('[data-testid=request-error]')");
        var refused = zhou.Locator("[data-testid=request-error]");
        Assert.True(await refused.CountAsync() == 0, await refused.CountAsync() == 0 ? "" : await refused.InnerTextAsync());
        await GoAsync(zhou, "/authorization/requests");
        await Assertions.Expect(zhou.Locator("[data-testid=my-request-status]").First).ToContainTextAsync("待审核");

        // The seal admin cannot decide before the department head.
        var yang = await LoginAsync(Demo.UniversitySealAdmin);
        await GoAsync(yang, "/authorization/requests");
        await Assertions.Expect(yang.Locator("[data-testid=decide-row]")).ToHaveCountAsync(0);

        var huang = await LoginAsync(Demo.CsHead);
        await GoAsync(huang, "/authorization/requests");
        await huang.FillAsync("[data-testid=decide-reason]", "同意，用于实验室采购");
        await huang.ClickAsync("[data-testid=decide-approve]");
        await Assertions.Expect(huang.Locator("[data-testid=decide-row]")).ToHaveCountAsync(0);

        await GoAsync(yang, "/authorization/requests");
        await yang.ClickAsync("[data-testid=decide-approve]");
        await Assertions.Expect(yang.Locator("[data-testid=decide-row]")).ToHaveCountAsync(0);

        await GoAsync(zhou, "/authorization");
        var row = zhou.Locator("[data-testid=grant-row]", new() { HasText = "计算机学院印章" });
        await Assertions.Expect(row.Locator("[data-testid=grant-state]")).ToHaveTextAsync("有效");
        await Steps.ScreenshotAsync(zhou, "grant-approved");

        // The seal admin revokes (收回) with a reason; 周杰 then sees it revoked.
        await GoAsync(yang, "/authorization");
        var yangRow = yang.Locator("[data-testid=grant-row]", new() { HasText = "周杰" });
        await yangRow.Locator("[data-testid=grant-revoke]").ClickAsync();
        await yang.FillAsync("[data-testid=reason-input]", "项目结束");
        await yang.ClickAsync("[data-testid=reason-confirm]");
        await Assertions.Expect(yangRow.Locator("[data-testid=grant-state]")).ToContainTextAsync("已收回");

        await GoAsync(zhou, "/authorization");
        await Assertions.Expect(row.Locator("[data-testid=grant-state]")).ToContainTextAsync("已收回");
    }
}
