using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Seeding;
using Portal.Tests.Support;
using Portal.Web.Hosting;

namespace Portal.Tests.Integration;

/// <summary>Sign-in sessions live on the server: a cookie dies with logout, a password change, or its absolute lifetime.</summary>
public class SessionTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private const string CookieName = ".AspNetCore.Identity.Application";
    private static readonly string[] GuardedPages = ["/signing/ledger", "/personal", "/authorization"];

    /// <summary>Logs in through the real form; returns the client and the raw session cookie it received.</summary>
    internal static async Task<(HttpClient Client, string Cookie)> LoginAsync(WebApplicationFactory<Program> portal, string phone,
        string password = DemoSeed.Password)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PortalWebFactory.PostLoginFormAsync(client, phone, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));
        return (client, cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
    }

    /// <summary>A request carrying only the copied cookie, from a client that keeps no cookies of its own.</summary>
    internal static async Task<HttpResponseMessage> ReplayAsync(WebApplicationFactory<Program> portal, string cookie, string path)
    {
        using var replay = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await replay.SendAsync(request);
    }

    internal static void AssertSentToLogin(HttpResponseMessage response, string path)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: expected a redirect to the login page, got {(int)response.StatusCode}");
        Assert.Equal("/account/login", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task A_cookie_copied_before_logout_opens_nothing_afterwards()
    {
        var (client, cookie) = await LoginAsync(factory, Demo.EnterpriseOwner);
        foreach (var path in GuardedPages)
        {
            Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(factory, cookie, path)).StatusCode);
        }

        var page = await client.GetStringAsync("/personal");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the layout's logout form carries an antiforgery token");
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        foreach (var path in GuardedPages)
        {
            AssertSentToLogin(await ReplayAsync(factory, cookie, path), path);
        }
    }

    [Fact]
    public async Task A_password_change_ends_every_session_of_the_account_and_reloads_its_circuits()
    {
        var (_, here) = await LoginAsync(factory, Demo.EnterpriseMember2);
        var (_, elsewhere) = await LoginAsync(factory, Demo.EnterpriseMember2);
        var (_, someoneElse) = await LoginAsync(factory, Demo.EnterpriseSealAdmin);
        Guid userId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByNameAsync(Demo.EnterpriseMember2);
            userId = user!.Id;
        }
        var reloaded = 0;
        using var circuit = factory.Services.GetRequiredService<CircuitAccessRegistry>()
            .Register(userId, null, () => { Interlocked.Increment(ref reloaded); return Task.CompletedTask; });

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(userId, []);
            ResultAssert.Ok(await scope.ServiceProvider.GetRequiredService<ChangePassword>()
                .ExecuteAsync(DemoSeed.Password, "New#Pass2026", "New#Pass2026"));
        }

        Assert.Equal(1, reloaded);
        AssertSentToLogin(await ReplayAsync(factory, here, "/personal"), "/personal");
        AssertSentToLogin(await ReplayAsync(factory, elsewhere, "/personal"), "/personal");
        // Other accounts keep their sessions; the new password signs in.
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(factory, someoneElse, "/personal")).StatusCode);
        var (_, fresh) = await LoginAsync(factory, Demo.EnterpriseMember2, "New#Pass2026");
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(factory, fresh, "/personal")).StatusCode);
    }
}

/// <summary>The absolute lifetime, on the app's clock: activity slides the cookie, but never past 12 hours from sign-in.</summary>
public class SessionLifetimeTests
{
    [Fact]
    public async Task An_active_session_still_ends_12_hours_after_sign_in()
    {
        await using var portal = new ClockedPortalFactory();
        var (_, cookie) = await SessionTests.LoginAsync(portal, Demo.EnterpriseMember);
        string? renewed = null;
        foreach (var hours in new[] { 5, 5 })
        {
            portal.Clock.Advance(TimeSpan.FromHours(hours));
            var response = await SessionTests.ReplayAsync(portal, renewed ?? cookie, "/personal");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // Past half its sliding lifetime the cookie is renewed; the browser would keep the new one.
            if (response.Headers.TryGetValues("Set-Cookie", out var set)
                && set.FirstOrDefault(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)) is { } c)
            {
                renewed = c[..c.IndexOf(';', StringComparison.Ordinal)];
            }
        }
        Assert.NotNull(renewed);

        // 13 h after sign-in: the sliding expiry (8 h after the last renewal) has not passed, the absolute one has.
        portal.Clock.Advance(TimeSpan.FromHours(3));
        SessionTests.AssertSentToLogin(await SessionTests.ReplayAsync(portal, renewed, "/personal"), "/personal");
    }
}
