using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Seeding;
using Portal.Tests.Support;
using Portal.Tests.Web.Hosting;

namespace Portal.Tests.Integration;

/// <summary>The session cookie is Secure when the request is https, directly or as a configured proxy reports it.</summary>
public class ForwardedHeadersTests
{
    private const string Proxy = "192.0.2.10";

    /// <summary>A Development portal behind <see cref="Proxy"/>, reached from <paramref name="remote"/>.</summary>
    private sealed class ProxiedPortal(string remote) : PortalWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ProductionReadinessTests.RemoteAddressFilter(IPAddress.Parse(remote))));
        }
    }

    private static async Task<string> SessionCookieAsync(PortalWebFactory portal, string baseAddress, bool forwardedHttps)
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(baseAddress),
        });
        if (forwardedHttps)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        }
        var response = await PortalWebFactory.PostLoginFormAsync(client, Demo.EnterpriseMember, DemoSeed.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secure_follows_the_scheme_directly_or_from_a_known_proxy_only()
    {
        await using (var behindProxy = new ProxiedPortal(Proxy))
        {
            Assert.Contains("secure", await SessionCookieAsync(behindProxy, "http://localhost", forwardedHttps: true), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secure", await SessionCookieAsync(behindProxy, "http://localhost", forwardedHttps: false), StringComparison.OrdinalIgnoreCase);
            Assert.Contains("secure", await SessionCookieAsync(behindProxy, "https://localhost", forwardedHttps: false), StringComparison.OrdinalIgnoreCase);
        }
        // Anyone else claiming https through the header is not believed.
        await using var stranger = new ProxiedPortal("198.51.100.20");
        Assert.DoesNotContain("secure", await SessionCookieAsync(stranger, "http://localhost", forwardedHttps: true), StringComparison.OrdinalIgnoreCase);
    }
}
