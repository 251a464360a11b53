using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Application.Spaces;
using Portal.Tests.Support;
using Portal.Web.Components.Shared;

namespace Portal.Tests.Web;

public class SpaceSwitcherTests
{
    [Fact]
    public async Task The_switcher_lists_the_personal_space_and_each_of_the_users_organizations()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var wang = await db.UserIdAsync(Demo.EnterpriseMember); // 王强: member of both demo organizations
        await using var scope = db.As(wang);

        await using var ctx = PortalBunit.Create();
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<ListMySpaces>());
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<SwitchSpace>());
        var popovers = ctx.Render<MudPopoverProvider>();
        var switcher = ctx.Render<SpaceSwitcher>();

        // The current space (the enterprise, where the seed put him) is the button's label.
        switcher.WaitForAssertion(() => Assert.Contains("示例科技有限公司", switcher.Find("[data-testid=space-switcher]").TextContent));
        switcher.Find("button").Click();
        // The menu opens asynchronously (its popover renders after the click's render cycle).
        popovers.WaitForAssertion(() => Assert.Equal(3, popovers.FindAll("[data-testid=space-option]").Count));
        var options = popovers.FindAll("[data-testid=space-option]");
        var spaces = options.Select(o => o.GetAttribute("data-space")).ToList();
        Assert.Equal(3, spaces.Count);
        Assert.Contains("personal", spaces);
        Assert.Contains((await db.EnterpriseIdAsync()).ToString(), spaces);
        Assert.Contains((await db.UniversityIdAsync()).ToString(), spaces);
    }
}
