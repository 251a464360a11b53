using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Application.Bindings;
using Portal.Application.Domain;
using Portal.Tests.Application.Bindings;
using Portal.Tests.Support;
using Portal.Web.Components.Pages.Support;

namespace Portal.Tests.Web;

public class SupportConsolePageTests
{
    [Fact]
    public async Task Ca_support_finds_a_renewed_binding_and_unbinds_it_with_a_reason()
    {
        await using var w = await BindingWorld.CreateAsync();
        var member = await w.Db.UserIdAsync(Demo.EnterpriseMember);
        var other = await w.Db.UserIdAsync(Demo.CsMember);
        Assert.True((await w.BindAsync(member, w.Leaf("张三", notBeforeDaysAgo: 300))).Succeeded);
        Assert.True((await w.BindAsync(other, w.Leaf("张三", notBeforeDaysAgo: 1))).Succeeded);
        await using var scope = w.Db.As(await w.Db.UserIdAsync(Demo.CaSupport), PlatformRoles.CaSupport);

        await using var ctx = PortalBunit.Create();
        foreach (var t in new[] { typeof(SearchBindings), typeof(ListRefusedBindAttempts), typeof(GetBindingHistory), typeof(UnbindCertificate), typeof(ExportSupportView) })
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<SupportHome>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=support-row]").Count));

        // Open the stale (renewed) binding: it is the one of the member whose certificate was renewed elsewhere.
        var staleRow = page.FindAll("[data-testid=support-row]").Single(r => r.TextContent.Contains(Demo.EnterpriseMember));
        staleRow.QuerySelector("button")!.Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=support-history]")));
        page.Find("input[data-testid=support-reason], [data-testid=support-reason] input").Change("续期后旧证书，客户来电要求解绑");
        page.Find("[data-testid=support-unbind]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=support-unbind]")));
        Assert.Equal(BindingStateKind.NotBound, (await w.Db.RunAsync<GetBindingState, BindingState>(null, s => s.ForUserAsync(member))).Kind);
    }
}

public class MyCertificatesPageTests
{
    [Fact]
    public async Task A_user_whose_binding_is_marked_renewed_is_told_to_rebind()
    {
        await using var w = await BindingWorld.CreateAsync();
        var member = await w.Db.UserIdAsync(Demo.EnterpriseMember);
        var bound = await w.BindAsync(member, w.Leaf("张三", notBeforeDaysAgo: 300));
        Assert.True(bound.Succeeded);
        // A held binding marked renewed, as the rule before issue 13 left it when another account bound the same subject.
        await using (var db = w.Db.Db())
        {
            var binding = await db.CertificateBindings.IgnoreQueryFilters().SingleAsync(b => b.Id == bound.Value!.BindingId);
            binding.Status = BindingStatus.Renewed;
            binding.RenewedAtUtc = DateTime.UtcNow;
            await db.SaveChangesAsync();
        }
        await using var scope = w.Db.As(member);

        await using var ctx = PortalBunit.Create();
        foreach (var t in new[] { typeof(ListMyBindings), typeof(StartCertificateBinding), typeof(BindCertificate), typeof(UnbindCertificate),
                     typeof(GetBindingState), typeof(Portal.Application.RealName.GetRealNameStatus), typeof(IDevChallengeSigner), typeof(Portal.Application.Common.ICurrentUser) })
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }
        ctx.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>(new DevEnvironment());
        ctx.Render<MudPopoverProvider>();
        var page = ctx.Render<Portal.Web.Components.Pages.Personal.MyCertificates>();
        page.WaitForAssertion(() => Assert.Contains("证书已更新，请重新绑定", page.Find("[data-testid=binding-renewed]").TextContent));
        Assert.Single(page.FindAll("[data-testid=my-bindings] tbody tr"));
    }

    private sealed class DevEnvironment : Microsoft.AspNetCore.Hosting.IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider WebRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
        public string ApplicationName { get; set; } = "Portal.Web";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
        public string ContentRootPath { get; set; } = "";
        public string EnvironmentName { get; set; } = "Development";
    }
}
