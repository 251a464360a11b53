using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Signing.Pkcs11;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The real host in the Production environment with every prerequisite configured (a real SoftHSM2 pool).</summary>
[Collection(SoftHsmCollection.Name)]
public class ProductionStartTests(SoftHsmFixture hsm)
{
    private sealed class ProductionPortal(SoftHsmFixture hsm) : PortalWebFactory
    {
        private readonly string _certificates = TestTemp.NewFolder("dp-cert");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Sms:Gateway:Url", "http://127.0.0.1:9/sms");
            builder.UseSetting("Sms:Gateway:AccessKeyId", "portal");
            builder.UseSetting("Sms:Gateway:AccessKeySecret", "secret");
            // Bank, real-name and payment have no production adapter yet: the demo key is the only way to start.
            builder.UseSetting("Demo:UseDevelopmentStandIns", "true");
            builder.UseSetting("DataProtection:Certificate:Path", TestCertificates.WriteDataProtectionPfx(_certificates));
            builder.UseSetting("DataProtection:Certificate:Password", TestCertificates.Password);
            builder.UseSetting("Hsm:Tokens:0", SoftHsmFixture.TokenA);
            builder.UseSetting("Hsm:Tokens:1", SoftHsmFixture.TokenB);
            builder.UseSetting("PORTAL_HSM_PIN", hsm.Pins.GetUserPin(SoftHsmFixture.TokenA));
            builder.UseSetting("Hsm:TrustedWrapping", "true");
            builder.UseSetting("PORTAL_PKI_ID_PEPPER", Convert.ToHexString(hsm.Pins.GetIdentifierPepper()));
            builder.UseSetting("Pki:PublicBaseUrl", "https://portal.example.test");
            builder.ConfigureServices(s =>
            {
                s.AddSingleton<IPinProvider>(hsm.Pins);
                s.AddSingleton(hsm.Pool);
                s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(
                    new Portal.Tests.Web.Hosting.ProductionReadinessTests.RemoteAddressFilter(IPAddress.Loopback));
            });
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            TestTemp.TryDelete(_certificates);
        }
    }

    [Fact]
    public async Task With_every_prerequisite_configured_production_starts_and_has_no_outbox()
    {
        await using var portal = new ProductionPortal(hsm);
        using var client = portal.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        // The HTTP gateway is the SMS sender: the development outbox does not exist, not even on loopback.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/outbox")).StatusCode);
        // HSTS outside Development (over https, for a real host name).
        using var https = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://portal.example.test"),
        });
        Assert.True((await https.GetAsync("/account/login")).Headers.Contains("Strict-Transport-Security"));
    }
}
