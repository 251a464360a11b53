using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Support;

/// <summary>
/// The real portal (Development, demo seed) over its own SQLite file. With <paramref name="kestrel"/> it
/// listens on a free loopback port for a real browser; otherwise it runs on the in-memory test server.
/// </summary>
public class PortalWebFactory : WebApplicationFactory<Program>
{
    private readonly bool _kestrel;

    public PortalWebFactory()
        : this(kestrel: false)
    {
    }

    protected PortalWebFactory(bool kestrel) => _kestrel = kestrel;

    /// <summary>Whether the host raises the rate limits and daily SMS caps out of the tests' way (all but one test).</summary>
    protected virtual bool RaiseLimits => true;

    private readonly string _dir = TestTemp.NewFolder("web");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_dir);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:DefaultConnection", $"Data Source={Path.Combine(_dir, "portal.db")}");
        builder.UseSetting("Storage:FilesPath", Path.Combine(_dir, "files"));
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(_dir, "logs", "portal-.log"));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in Portal.Tests.Signing.Support.FastTestKeys.Settings)
        {
            builder.UseSetting(key, value);
        }
        // No Quartz scheduler in the test hosts: the jobs' use cases are called directly (JobsOnQuartzTests runs the scheduler).
        builder.UseSetting("Jobs:Enabled", "false");
        if (RaiseLimits)
        {
            foreach (var (key, value) in TestLimits.Raised)
            {
                builder.UseSetting(key, value);
            }
        }
        builder.ConfigureServices(s => s.AddCheapPasswordHashing().AddKnownCaptcha().AddSingleton<IStartupFilter, LoopbackClient>());
        if (_kestrel)
        {
            UseKestrel(0);
        }
    }

    /// <summary>
    /// The in-memory test server leaves the client address empty; a request over TCP always has one (the per-IP limits key
    /// on it), so test requests come from loopback as a browser on this machine would.
    /// </summary>
    private sealed class LoopbackClient : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>The base address of the Kestrel server (starts it on first use).</summary>
    public string ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TestTemp.TryDelete(_dir);
        GC.SuppressFinalize(this);
    }

    /// <summary>Posts the real static login form (with its antiforgery token) and returns the response.</summary>
    public static async Task<HttpResponseMessage> PostLoginFormAsync(HttpClient client, string phone, string password,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the login form carries an antiforgery token");
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Mode"] = "password",
            ["Input.Action"] = "login",
            ["Input.Phone"] = phone,
            ["Input.Password"] = password,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            form[key] = value;
        }
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(form));
    }

    /// <summary>Logs in through the real static form; returns a client holding the cookie.</summary>
    public async Task<HttpClient> LoginAsync(string phone, string password = Portal.Application.Seeding.DemoSeed.Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostLoginFormAsync(client, phone, password);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"login of {phone} should redirect, got {(int)response.StatusCode}: {Regex.Match(await response.Content.ReadAsStringAsync(), "data-testid=\"error\">([^<]*)").Groups[1].Value}");
        return client;
    }
}
