using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;
using Portal.Application.Bindings;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Infrastructure.Signing;
using Portal.Signing.Pki;
using Portal.Tests.Application.Bindings;
using Portal.Tests.Signing.Pki;
using Portal.Tests.Support;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Portal.Tests.Integration;

/// <summary>
/// 证书登录 end to end: the portal in its own process as ./run.sh starts it (main endpoint from ASPNETCORE_URLS plus the
/// certificate endpoint), a browser-like client presenting a client certificate from a test CA over TLS on loopback.
/// </summary>
public sealed class CertificateLoginPortal : IAsyncLifetime
{
    internal ExternalTestCa Ca { get; } = new("深圳CA");
    public PortalProcess Portal { get; private set; } = null!;
    public string Certificate { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var port = PortalProcess.FreePort();
        Portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["CertificateLogin:Enabled"] = "true",
            ["CertificateLogin:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Certificate = $"https://127.0.0.1:{port}";
        // Kestrel starts accepting on the main address before it has bound the certificate endpoint.
        await Portal.WaitUntilListeningAsync(port);
        var stores = Portal.Services.GetRequiredService<EfPkiStores>();
        var trust = new TrustStore(stores, stores);
        await trust.ImportCaAsync(Ca.Certificate.GetEncoded(), "深圳CA", failClosed: false);
        await trust.ImportCrlAsync(Ca.Crl(DateTime.UtcNow.AddDays(7)));
    }

    public async Task DisposeAsync()
    {
        // Null when the start failed: the start's own exception is the one to report.
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }
    }
}

public sealed class CertificateLoginTests(CertificateLoginPortal fixture) : IClassFixture<CertificateLoginPortal>
{
    private readonly PortalProcess _portal = fixture.Portal;
    private readonly ExternalTestCa _ca = fixture.Ca;
    private readonly string _main = fixture.Portal.MainUrl;
    private readonly string _cert = fixture.Certificate;

    [Fact]
    public async Task A_bound_personal_certificate_signs_the_user_in_on_the_main_site_once()
    {
        var leaf = Leaf("C=CN,CN=王强");
        var user = await UserIdAsync(Demo.EnterpriseMember);
        await BindAsync(user, leaf);

        var redirect = await StartAsync(leaf, "state-1");

        Assert.StartsWith(_main + "/account/certificate-login/redeem?ticket=", redirect);
        using var browser = MainClient("state-1");
        var redeemed = await browser.GetAsync(redirect);
        Assert.Equal(HttpStatusCode.Redirect, redeemed.StatusCode);
        Assert.Equal("/", redeemed.Headers.Location!.OriginalString);
        var personal = await browser.GetAsync("/personal");
        Assert.Equal(HttpStatusCode.OK, personal.StatusCode);

        // The ticket is single use, and useless in another browser (no matching state).
        using var other = MainClient("state-1");
        Assert.Contains("error=" + Errors.LoginTicketInvalid, (await other.GetAsync(redirect)).Headers.Location!.OriginalString);
        var second = await StartAsync(leaf, "state-2");
        using var thief = MainClient("someone-else");
        Assert.Contains("error=" + Errors.LoginTicketInvalid, (await thief.GetAsync(second)).Headers.Location!.OriginalString);

        await using var scope = _portal.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, user);
        var login = await db.CertificateOperations.SingleAsync(o => o.Kind == CertificateOperationKind.Login);
        Assert.Equal((CertificateSource.External, leaf.Certificate.SerialNumber.ToString(16).ToUpperInvariant()), (login.Source, login.SerialNumber));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.AccountLoginCertificate && e.Outcome == Portal.Application.Domain.AuditOutcome.Success));
    }

    [Fact]
    public async Task A_valid_unbound_certificate_gets_the_not_bound_state_with_the_bind_link()
    {
        var redirect = await StartAsync(Leaf("C=CN,CN=赵敏"), "s");

        Assert.Equal(_main + "/account/certificate-login?error=" + Errors.CertificateNotBound + "&arg=", redirect);
        using var browser = MainClient(null);
        var page = await browser.GetStringAsync(redirect);
        Assert.Contains("证书有效但未绑定", page);
        Assert.Contains("data-testid=\"bind-link\"", page);
    }

    [Fact]
    public async Task No_certificate_gets_the_cannot_read_state_with_the_checks()
    {
        var redirect = await StartAsync(null, "s");

        Assert.Contains("error=" + Errors.NoClientCertificate, redirect);
        using var browser = MainClient(null);
        var page = await browser.GetStringAsync(redirect);
        Assert.Contains("无法获取证书", page);
        Assert.Contains("data-testid=\"checks\"", page);
    }

    [Fact]
    public async Task Organization_and_untrusted_certificates_do_not_log_in()
    {
        var user = await UserIdAsync(Demo.EnterpriseMember2);
        var organization = Leaf($"C=CN,O=示例科技有限公司,SERIALNUMBER={Portal.Application.Seeding.DemoSeed.EnterpriseUscc},CN=示例科技有限公司");
        await BindAsync(user, organization);
        Assert.Contains("error=" + Errors.OrganizationCertificateCannotLogin, await StartAsync(organization, "s"));

        var stranger = new ExternalTestCa("Unknown CA");
        var untrusted = stranger.IssueLeafWithKey("C=CN,CN=张伟", DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(30));
        Assert.Contains("error=" + Errors.CertificateUntrusted, await StartAsync(untrusted, "s"));
    }

    [Fact]
    public async Task The_certificate_endpoint_serves_nothing_but_certificate_login_and_the_page_starts_there()
    {
        using var tls = TlsClient(null);
        Assert.Equal(HttpStatusCode.NotFound, (await tls.GetAsync(_cert + "/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tls.GetAsync(_cert + "/certificate-login/start?state=s&returnUrl=https%3A%2F%2Fevil.example")).StatusCode);
        using var browser = MainClient(null);
        var page = await browser.GetAsync("/account/certificate-login");
        Assert.Contains("/certificate-login/start?state=", await page.Content.ReadAsStringAsync());
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Portal.CertificateLogin.State=", StringComparison.Ordinal));
    }

    private (BcCertificate Certificate, AsymmetricCipherKeyPair Keys) Leaf(string subject) =>
        _ca.IssueLeafWithKey(subject, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(300));

    private async Task<Guid> UserIdAsync(string phone)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, null);
        return await db.Users.Where(u => u.UserName == phone).Select(u => u.Id).SingleAsync();
    }

    private async Task BindAsync(Guid user, (BcCertificate Certificate, AsymmetricCipherKeyPair Keys) leaf)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(user, [], "127.0.0.1", "test");
        var start = await scope.ServiceProvider.GetRequiredService<StartCertificateBinding>().ExecuteAsync(leaf.Certificate.GetEncoded());
        ResultAssert.Ok(start);
        var bound = await scope.ServiceProvider.GetRequiredService<BindCertificate>().ExecuteAsync(start.Value!.ChallengeId,
            BindingWorld.Sign(leaf.Keys.Private, start.Value.ToBeSigned));
        ResultAssert.Ok(bound);
    }

    /// <summary>What the browser does on the certificate endpoint: TLS with the client certificate, then follow nothing.</summary>
    private async Task<string> StartAsync((BcCertificate Certificate, AsymmetricCipherKeyPair Keys)? leaf, string state)
    {
        using var client = TlsClient(leaf is { } l ? WithKey(l.Certificate, l.Keys) : null);
        var response = await client.GetAsync($"{_cert}/certificate-login/start?state={state}&returnUrl={Uri.EscapeDataString(_main)}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static HttpClient TlsClient(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        // The development server certificate is self-signed; the client certificate is what this test is about.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }
        return new HttpClient(handler);
    }

    private HttpClient MainClient(string? state)
    {
        var cookies = new CookieContainer();
        if (state is not null)
        {
            cookies.Add(new Uri(_main), new Cookie("Portal.CertificateLogin.State", state));
        }
        return new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(_main) };
    }

    private static X509Certificate2 WithKey(BcCertificate certificate, AsymmetricCipherKeyPair keys)
    {
        var pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(keys.Private).GetEncoded();
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.GetEncoded());
        using var withKey = publicOnly.CopyWithPrivateKey(ecdsa);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
