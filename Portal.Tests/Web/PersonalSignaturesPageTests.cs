using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Application.PersonalSignatures;
using Portal.Application.RealName;
using Portal.Application.Seals;
using Portal.Tests.Application.PersonalSignatures;
using Portal.Tests.Support;
using Portal.Web.Components.Pages.Personal;

namespace Portal.Tests.Web;

/// <summary>我的签名 with the real use cases on SQLite; the canvas pad's JS module answers like a pad with strokes.</summary>
public class PersonalSignaturesPageTests
{
    private static BunitContext NewContext(AsyncServiceScope scope)
    {
        var ctx = PortalBunit.Create();
        foreach (var t in new[] { typeof(ListMySignatures), typeof(MakeNameSeal), typeof(SaveHandwrittenSignature), typeof(SetDefaultSignature),
                     typeof(DeleteSignature), typeof(GetRealNameStatus), typeof(ISealFaceRenderer) })
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    [Fact]
    public async Task A_verified_user_makes_a_name_seal_saves_a_drawn_signature_sets_it_default_and_deletes_it()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var wang = await db.UserIdAsync(Demo.EnterpriseMember);
        await using var scope = db.As(wang);
        await using var ctx = NewContext(scope);
        var pad = ctx.JSInterop.SetupModule("./js/signature-pad.js");
        pad.Setup<string?>("toPng", _ => true).SetResult("data:image/png;base64," + Convert.ToBase64String(PersonalSignatureTests.Strokes(transparent: true)));
        var dialogs = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<PersonalSignaturesPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=name-seal-preview]"));
        Assert.StartsWith("data:image/png;base64,", page.Find("[data-testid=name-seal-preview]").GetAttribute("src"));
        Assert.NotNull(page.Find("[data-testid=no-signatures]"));

        page.Find("[data-testid=name-seal-make]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=signature-card]")));
        Assert.Equal("王强", page.Find("[data-testid=signature-name]").TextContent);
        Assert.NotNull(page.Find("[data-testid=signature-default]"));
        Assert.NotNull(page.Find("[data-testid=signature-image]"));

        page.Find("input[data-testid=handwritten-name], [data-testid=handwritten-name] input").Change("合同签名");
        page.Find("[data-testid=handwritten-save]").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=signature-card]").Count));
        pad.VerifyInvoke("clear");

        // The name seal is still the default (first card); make the drawn one the default.
        page.Find("[data-testid=signature-set-default]").Click();
        page.WaitForAssertion(() => Assert.Equal("合同签名", page.FindAll("[data-testid=signature-name]")[0].TextContent));
        Assert.Single(page.FindAll("[data-testid=signature-default]"));

        page.FindAll("[data-testid=signature-delete]")[0].Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=confirm]"));
        dialogs.Find("[data-testid=confirm]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=signature-card]")));
        Assert.Equal("王强", page.Find("[data-testid=signature-name]").TextContent);
        Assert.NotNull(page.Find("[data-testid=signature-default]"));
        await using var ctxDb = db.Db(null, wang);
        Assert.Equal(1, await ctxDb.PersonalSignatures.CountAsync(s => s.DeletedAtUtc != null));
    }

    [Fact]
    public async Task An_unverified_user_is_sent_to_real_name_verification_and_a_blank_pad_is_refused_in_place()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var scope = db.As(await db.UserIdAsync(Demo.EnterpriseMember2)); // 赵敏: left unverified by the seed
        await using var ctx = NewContext(scope);
        var page = ctx.Render<PersonalSignaturesPage>();

        page.WaitForAssertion(() => Assert.Contains("实名认证", page.Find("[data-testid=name-seal-realname]").TextContent));
        Assert.Equal("personal/realname", page.Find("[data-testid=name-seal-realname-link]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=name-seal-make]"));

        page.Find("[data-testid=handwritten-save]").Click(); // the loose pad returns no drawing
        page.WaitForAssertion(() => Assert.Contains("画板", page.Find("[data-testid=signature-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=signature-card]"));
    }
}
