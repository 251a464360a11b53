using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure;
using Portal.Tests.Support;
using Portal.Web.Hosting;

namespace Portal.Tests.Web.Hosting;

public class ProductionReadinessTests
{
    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    /// <summary>What a complete production configuration holds (the three adapters without production code aside).</summary>
    private static Dictionary<string, string?> Complete(string pfx) => new()
    {
        ["Sms:Gateway:Url"] = "https://sms.example.test/send",
        ["Sms:Gateway:AccessKeyId"] = "portal",
        ["Sms:Gateway:AccessKeySecret"] = "secret",
        ["Sms:Signature"] = "Portal",
        ["DataProtection:Certificate:Path"] = pfx,
        ["DataProtection:Certificate:Password"] = TestCertificates.Password,
        ["Hsm:Tokens:0"] = "pool-a",
        ["PORTAL_HSM_PIN"] = "123456",
        ["Hsm:TrustedWrapping"] = "true",
        ["PORTAL_PKI_ID_PEPPER"] = new string('b', 64),
        ["Pki:PublicBaseUrl"] = "https://portal.example.test",
    };

    private static IReadOnlyList<MissingPrerequisite> Missing(Dictionary<string, string?> values, bool standIns)
    {
        var configuration = Configuration(values);
        var services = new ServiceCollection();
        if (standIns)
        {
            services.AddDevelopmentStandIns();
        }
        services.AddSmsGateway(configuration);
        return ProductionReadiness.FindMissing(configuration, services);
    }

    [Fact]
    public void With_everything_configured_and_the_demo_stand_ins_nothing_is_missing()
    {
        var dir = TestTemp.NewFolder("ready");
        try
        {
            Assert.Empty(Missing(Complete(TestCertificates.WriteDataProtectionPfx(dir)), standIns: true));
        }
        finally
        {
            TestTemp.TryDelete(dir);
        }
    }

    [Fact]
    public void Without_the_demo_key_the_bank_real_name_and_payment_adapters_are_named_missing()
    {
        var dir = TestTemp.NewFolder("ready");
        try
        {
            var missing = Missing(Complete(TestCertificates.WriteDataProtectionPfx(dir)), standIns: false);
            Assert.Equal(3, missing.Count);
            Assert.All(missing, m => Assert.Equal(ProductionReadiness.DemoKey, m.Key));
            Assert.Contains(missing, m => m.What.StartsWith("micro-deposit bank", StringComparison.Ordinal));
            Assert.Contains(missing, m => m.What.StartsWith("real-name verification provider", StringComparison.Ordinal));
            Assert.Contains(missing, m => m.What.StartsWith("payment gateway", StringComparison.Ordinal));
        }
        finally
        {
            TestTemp.TryDelete(dir);
        }
    }

    [Fact]
    public void A_gateway_without_credentials_and_an_unreadable_certificate_are_named()
    {
        var values = Complete("/nonexistent/dp.pfx");
        values.Remove("Sms:Gateway:AccessKeySecret");
        var missing = Missing(values, standIns: true).Select(m => m.ToString()).ToList();
        Assert.Contains(missing, m => m.StartsWith("Sms:Gateway:AccessKeyId + Sms:Gateway:AccessKeySecret (or Sms:Gateway:BearerToken) — SMS gateway credentials", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.StartsWith("DataProtection:Certificate:Path — Data Protection key-ring certificate (unusable", StringComparison.Ordinal));
        Assert.Equal(2, missing.Count);
    }

    [Fact]
    public async Task A_production_start_with_nothing_configured_exits_non_zero_before_serving_and_names_each_missing_key()
    {
        var dir = TestTemp.NewFolder("prod-start");
        Directory.CreateDirectory(dir);
        try
        {
            var port = PortalProcess.FreePort();
            var psi = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"))
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            psi.Environment["ConnectionStrings__DefaultConnection"] = $"Data Source={Path.Combine(dir, "portal.db")}";
            psi.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(dir, "logs", "portal-.log");
            foreach (var name in new[] { "PORTAL_HSM_PIN", "PORTAL_HSM_WRAP_SECRET", "PORTAL_PKI_ID_PEPPER", "Demo__UseDevelopmentStandIns" })
            {
                psi.Environment.Remove(name);
            }
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var output = await stderr + await stdout;

            Assert.NotEqual(0, process.ExitCode);
            foreach (var line in new[]
                     {
                         "Sms:Gateway:Url — SMS gateway",
                         "Demo:UseDevelopmentStandIns — micro-deposit bank",
                         "Demo:UseDevelopmentStandIns — real-name verification provider",
                         "Demo:UseDevelopmentStandIns — payment gateway",
                         "DataProtection:Certificate:Path — Data Protection key-ring certificate",
                         "Hsm:Tokens — HSM pool",
                         "PORTAL_HSM_PIN — HSM user PIN",
                         "Hsm:TrustedWrapping — HSM pool keys wrappable only under a trusted",
                         "PORTAL_PKI_ID_PEPPER — personal-identifier pepper",
                         "Pki:PublicBaseUrl — public base URL",
                     })
            {
                Assert.Contains(line, output, StringComparison.Ordinal);
            }
            // It stopped before serving: no database was created.
            Assert.False(File.Exists(Path.Combine(dir, "portal.db")), output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestTemp.TryDelete(dir);
        }
    }

    /// <summary>Development portal whose requests come from the given remote address.</summary>
    private sealed class RemotePortal(string remote) : PortalWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddressFilter(IPAddress.Parse(remote))));
        }
    }

    internal sealed class RemoteAddressFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }

    [Fact]
    public async Task In_development_the_outbox_answers_loopback_and_nobody_else()
    {
        await using (var local = new RemotePortal("127.0.0.1"))
        {
            using var client = local.CreateClient();
            var response = await client.GetAsync("/dev/outbox");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("data-testid=\"outbox\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await using var remote = new RemotePortal("203.0.113.7");
        using var other = remote.CreateClient();
        var refused = await other.GetAsync("/dev/outbox");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("data-testid=\"outbox\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
