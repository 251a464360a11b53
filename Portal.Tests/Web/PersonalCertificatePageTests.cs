using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Application.Certificates;
using Portal.Tests.Support;
using Portal.Web.Components.Pages.Personal;

namespace Portal.Tests.Web;

[Collection(Portal.Tests.Signing.Pkcs11.SoftHsmCollection.Name)]
public class PersonalCertificatePageTests(Portal.Tests.Signing.Pkcs11.SoftHsmFixture hsm)
{
    [Fact]
    public async Task A_verified_user_applies_then_reissues_and_sees_the_counter()
    {
        await using var db = await Portal.Tests.Application.Certificates.PersonalCertificateWorld.CreateAsync(hsm);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        await Portal.Tests.Application.Certificates.PersonalCertificateWorld.VerifyRealNameAsync(db, user, "王强");
        await using var scope = db.As(user);
        await using var ctx = NewContext(scope);
        var page = ctx.Render<PersonalCertificatePage>();

        page.WaitForAssertion(() => page.Find("[data-testid=issue]"));
        page.Find("[data-testid=issue]").Click();
        page.WaitForAssertion(() => Assert.Contains("王强", page.Find("[data-testid=current-certificate]").TextContent), TimeSpan.FromSeconds(30));
        Assert.Equal("3", page.Find("[data-testid=reissues-left]").TextContent);
        var serial = page.Find("[data-testid=current-serial]").TextContent;

        page.Find("[data-testid=reissue]").Click();
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=reissues-left]").TextContent), TimeSpan.FromSeconds(30));
        Assert.NotEqual(serial, page.Find("[data-testid=current-serial]").TextContent);
        Assert.Contains(serial, page.Find("[data-testid=history]").TextContent);
    }

    private static BunitContext NewContext(AsyncServiceScope scope)
    {
        var ctx = PortalBunit.Create();
        foreach (var t in new[] { typeof(GetPersonalCertificate), typeof(IssuePersonalCertificate), typeof(RenewPersonalCertificate),
                     typeof(ReissuePersonalCertificate), typeof(RevokePersonalCertificate), typeof(BuyReissuePackage), typeof(Portal.Application.RealName.GetRealNameStatus) })
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    [Fact]
    public async Task An_unverified_user_is_sent_to_real_name_verification_and_offered_no_application()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var scope = db.As(await db.UserIdAsync(Demo.EnterpriseMember2)); // 赵敏: left unverified by the seed

        await using var ctx = NewContext(scope);
        var page = ctx.Render<PersonalCertificatePage>();

        page.WaitForAssertion(() => Assert.Contains("实名认证", page.Find("[data-testid=real-name-required]").TextContent));
        Assert.Equal("personal/realname", page.Find("[data-testid=real-name-link]").GetAttribute("href"));
        Assert.Equal("personal/signing-pin", page.Find("[data-testid=to-signing-pin]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=issue]"));
        Assert.Empty(page.FindAll("[data-testid=current-certificate]"));
    }
}
