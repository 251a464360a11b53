using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Application.Policies;
using Portal.Application.Seals;
using Portal.Tests.Application.Seals;
using Portal.Tests.Support;
using Portal.Web.Components.Pages.Authorization;
using Portal.Web.Components.Pages.Authorization.Components;

namespace Portal.Tests.Web;

public class GrantRequestDialogTests
{
    private static BunitContext Context(AsyncServiceScope scope, params Type[] useCases)
    {
        var ctx = PortalBunit.Create();
        foreach (var t in useCases)
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }
        return ctx;
    }

    [Fact]
    public async Task A_member_applies_for_the_department_seal_errors_are_shown_in_place_and_the_request_starts_its_chain()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var csSeal = await kit.SealAsync(kit.University, s => s.DepartmentId != null);
        await using var scope = kit.Db.As(await kit.User(Demo.CsMember));
        await using var ctx = Context(scope, typeof(ListSeals), typeof(ApplyForGrant));
        ctx.Render<MudPopoverProvider>();
        var provider = ctx.Render<MudDialogProvider>();
        var dialogs = ctx.Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<GrantRequestDialog>("apply",
            new DialogParameters<GrantRequestDialog> { { x => x.Today, new DateTime(2026, 11, 23) }, { x => x.SealId, csSeal.Id } }));
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find("[data-testid=grant-request-dialog], .mud-dialog")));

        // No reason: refused in place, nothing stored.
        provider.Find("[data-testid=request-submit]").Click();
        provider.WaitForAssertion(() => Assert.Contains("理由", provider.Find("[data-testid=request-error]").TextContent));
        // Long-term is not allowed by the default policy.
        provider.Find("textarea[data-testid=request-reason], input[data-testid=request-reason], [data-testid=request-reason] textarea, [data-testid=request-reason] input").Change("签署实验室采购合同");
        provider.Find("[data-testid=request-long-term] input, input[data-testid=request-long-term]").Change(true);
        provider.Find("[data-testid=request-submit]").Click();
        provider.WaitForAssertion(() => Assert.Contains("长期授权", provider.Find("[data-testid=request-error]").TextContent));
        await using (var db = kit.Db.Db(kit.University))
        {
            Assert.False(await db.SealGrantRequests.AnyAsync());
        }

        provider.Find("[data-testid=request-long-term] input, input[data-testid=request-long-term]").Change(false);
        provider.Find("[data-testid=request-submit]").Click();
        var result = await reference!.Result;
        Assert.False(result!.Canceled);
        await using (var db = kit.Db.Db(kit.University))
        {
            var request = await db.SealGrantRequests.Include(r => r.Steps).SingleAsync();
            Assert.Equal(((Guid)result.Data!, "签署实验室采购合同", csSeal.Id), (request.Id, request.Reason, request.SealId));
            Assert.Equal([GrantRequestStepStatus.Pending, GrantRequestStepStatus.Waiting], request.Steps.OrderBy(s => s.Order).Select(s => s.Status));
            Assert.Equal(new DateTime(2026, 12, 22, 15, 59, 59, DateTimeKind.Utc), request.EndUtc);
        }
    }
}

public class SealPolicyPageTests
{
    private static BunitContext Context(AsyncServiceScope scope)
    {
        var ctx = PortalBunit.Create();
        foreach (var t in new[] { typeof(GetSealPolicy), typeof(UpdateSealPolicy), typeof(ListSeals) })
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("owner");
        auth.SetPolicies(Permissions.AuthorizationManage);
        return ctx;
    }

    [Fact]
    public async Task The_owner_edits_a_rule_a_bad_value_is_refused_with_its_message_and_the_stop_default_is_explained()
    {
        await using var kit = await SealTestKit.CreateAsync();
        await using var scope = kit.Db.As(await kit.User(Demo.EnterpriseOwner));
        await using var ctx = Context(scope);
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<SealPolicyPage>();
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=policy-rule]").Count));
        Assert.Contains("作废即停止使用（推荐，安全的默认设置）", page.Markup);

        var days = page.Find("[data-testid=policy-max-days] input, input[data-testid=policy-max-days]");
        days.Change("0");
        page.Find("[data-testid=policy-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("1 到 3650", page.Find("[data-testid=error]").TextContent));
        await using (var db = kit.Db.Db(kit.Enterprise))
        {
            Assert.All((await SealPolicies.FindAsync(db, kit.Enterprise))!.Rules, r => Assert.Equal(1095, r.MaxGrantDays));
        }

        page.Find("[data-testid=policy-max-days] input, input[data-testid=policy-max-days]").Change("30");
        page.Find("input[data-testid=voiding-keep], [data-testid=voiding-keep] input").Click();
        page.Find("[data-testid=policy-save]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=error]")));
        await using (var db = kit.Db.Db(kit.Enterprise))
        {
            var policy = (await SealPolicies.FindAsync(db, kit.Enterprise))!;
            Assert.Equal(VoidingBehaviour.KeepUntilRevoked, policy.VoidingBehaviour);
            Assert.Equal(30, policy.Rules.Single(r => r.SealType == SealType.Official).MaxGrantDays);
            Assert.Equal(1095, policy.Rules.Single(r => r.SealType == SealType.Contract).MaxGrantDays);
        }
    }

    [Fact]
    public async Task A_seal_admin_sees_the_policy_read_only()
    {
        await using var kit = await SealTestKit.CreateAsync();
        await using var scope = kit.Db.As(await kit.User(Demo.EnterpriseSealAdmin));
        await using var ctx = Context(scope);
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<SealPolicyPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=policy-readonly]")));
        Assert.Empty(page.FindAll("[data-testid=policy-save]"));
    }
}
