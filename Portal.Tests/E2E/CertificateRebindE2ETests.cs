using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.OpenSsl;
using Portal.Application.Bindings;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Infrastructure.Signing;
using Portal.Signing.Pki;
using Portal.Tests.Application.Bindings;
using Portal.Tests.Signing.Pki;
using Portal.Tests.Support;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Portal.Tests.E2E;

/// <summary>
/// Seed 002's renewal story in a real browser: 赵敏's UKey certificate was renewed (new serial, same subject and
/// issuer) and her old binding is stale — marked renewed, as the rule before issue 13 left such bindings when another
/// account bound a certificate of the same subject (a bind no longer changes another user's binding, so the row is written
/// as existing databases hold it). CA support finds it in the renewed view and unbinds it with a reason; 赵敏 binds the new
/// certificate.
/// </summary>
[Collection(E2ECollection.Name)]
public class CertificateRebindE2ETests(E2EFixture fx)
{
    [Fact]
    public async Task Ca_support_unbinds_a_stale_renewed_binding_and_the_user_rebinds_the_new_certificate()
    {
        var services = fx.Portal.Services;
        var ca = new ExternalTestCa("深圳CA");
        var stores = services.GetRequiredService<EfPkiStores>();
        var trust = new TrustStore(stores, stores);
        await trust.ImportCaAsync(ca.Certificate.GetEncoded(), "深圳CA E2E", failClosed: false);
        await trust.ImportCrlAsync(ca.Crl(DateTime.UtcNow.AddDays(7)));
        const string subject = "C=CN,O=示例科技有限公司,CN=赵敏";
        var old = ca.IssueLeafWithKey(subject, DateTime.UtcNow.AddDays(-300), DateTime.UtcNow.AddDays(60));
        var renewed = ca.IssueLeafWithKey(subject, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(700));
        var zhao = await UserIdAsync(services, Demo.EnterpriseMember2);
        var stale = await BindAsync(services, zhao, old);
        await using (var legacyScope = services.CreateAsyncScope())
        {
            await using var legacy = legacyScope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, zhao);
            var binding = await legacy.CertificateBindings.SingleAsync(b => b.Id == stale);
            binding.Status = BindingStatus.Renewed;
            binding.RenewedAtUtc = DateTime.UtcNow;
            await legacy.SaveChangesAsync();
        }
        var oldSerial = old.Certificate.SerialNumber.ToString(16).ToUpperInvariant();
        var newSerial = renewed.Certificate.SerialNumber.ToString(16).ToUpperInvariant();

        // CA support: the renewed view, 赵敏's stale binding, unbind with a reason.
        var support = await fx.NewPageAsync();
        await Steps.LoginAsync(support, Demo.CaSupport);
        await support.GotoAsync("/support");
        await Steps.WaitInteractiveAsync(support);
        await support.ClickAsync("[data-testid=support-view]");
        await support.ClickAsync(".mud-popover-open .mud-list-item:has-text('已续期（旧绑定）')");
        await support.FillAsync("input[data-testid=support-search], [data-testid=support-search] input", Demo.EnterpriseMember2);
        await support.ClickAsync("[data-testid=support-go]");
        var row = support.Locator("[data-testid=support-row]", new() { HasText = oldSerial });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("已续期");
        await Steps.ScreenshotAsync(support, "support-renewed-binding");
        await row.Locator("[data-testid=support-open]").ClickAsync();
        await support.FillAsync("input[data-testid=support-reason], [data-testid=support-reason] input", "证书已续期，旧证书按客户来电要求解绑");
        await support.ClickAsync("[data-testid=support-unbind]");
        await Assertions.Expect(support.Locator("[data-testid=support-unbind]")).ToHaveCountAsync(0);
        await Assertions.Expect(support.Locator("[data-testid=support-history]")).ToContainTextAsync("证书已续期，旧证书按客户来电要求解绑");

        // 赵敏: upload the renewed certificate, sign the challenge (development key panel), bound.
        var user = await fx.NewPageAsync();
        await Steps.LoginAsync(user, Demo.EnterpriseMember2);
        await user.GotoAsync("/personal/certificates");
        await Steps.WaitInteractiveAsync(user);
        await user.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload
        {
            Name = "zhaomin-renewed.cer",
            MimeType = "application/pkix-cert",
            Buffer = renewed.Certificate.GetEncoded(),
        });
        await Assertions.Expect(user.Locator("[data-testid=binding-challenge]")).ToBeVisibleAsync();
        await user.Locator("[data-testid=binding-dev] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "zhaomin-key.pem",
            MimeType = "application/x-pem-file",
            Buffer = Pem(renewed.Keys.Private),
        });
        var mine = user.Locator("[data-testid=my-bindings] tbody tr", new() { HasText = newSerial });
        await Assertions.Expect(mine).ToHaveCountAsync(1);
        await Assertions.Expect(mine).ToContainTextAsync("已绑定");
        await Steps.ScreenshotAsync(user, "user-rebound-renewed-certificate");

        await using var scope = services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, zhao);
        var held = await db.CertificateBindings.Where(b => b.HeldFingerprint != null).ToListAsync();
        Assert.Equal(newSerial, Assert.Single(held).SerialNumber);
        Assert.Equal(BindingStatus.Active, held[0].Status);
        var ended = await db.CertificateBindings.SingleAsync(b => b.SerialNumber == oldSerial);
        Assert.Equal("证书已续期，旧证书按客户来电要求解绑", ended.EndReason);
    }

    private static byte[] Pem(AsymmetricKeyParameter key)
    {
        using var text = new StringWriter();
        var writer = new PemWriter(text);
        writer.WriteObject(key);
        writer.Writer.Flush();
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static async Task<Guid> UserIdAsync(IServiceProvider services, string phone)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, null);
        return await db.Users.Where(u => u.UserName == phone).Select(u => u.Id).SingleAsync();
    }

    private static async Task<T> RunAsAsync<TUseCase, T>(IServiceProvider services, Guid user, Func<TUseCase, Task<T>> act) where TUseCase : notnull
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(user, [], "127.0.0.1", "e2e-seed");
        return await act(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    private static async Task<Guid> BindAsync(IServiceProvider services, Guid user, (BcCertificate Certificate, AsymmetricCipherKeyPair Keys) leaf)
    {
        var start = await RunAsAsync<StartCertificateBinding, Result<BindingChallenge>>(services, user, s => s.ExecuteAsync(leaf.Certificate.GetEncoded()));
        ResultAssert.Ok(start);
        var bound = await RunAsAsync<BindCertificate, Result<BindOutcome>>(services, user,
            s => s.ExecuteAsync(start.Value!.ChallengeId, BindingWorld.Sign(leaf.Keys.Private, start.Value.ToBeSigned)));
        ResultAssert.Ok(bound);
        return bound.Value!.BindingId;
    }
}
