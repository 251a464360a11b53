using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>One portal for the collection: log in through the real form, then each area's URL per role.</summary>
public class LoginAndAreasTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private static readonly string[] AllAreas = ["personal", "console", "organization", "seals", "authorization", "certificates", "signing", "support", "platform"];

    public static IEnumerable<object[]> Roles =>
    [
        ["enterprise owner", Demo.EnterpriseOwner, new[] { "personal", "console", "organization", "seals", "authorization", "certificates", "signing" }],
        ["seal admin", Demo.EnterpriseSealAdmin, new[] { "personal", "console", "seals", "authorization", "certificates", "signing" }],
        ["member", Demo.EnterpriseMember2, new[] { "personal", "console", "authorization", "signing" }],
        ["department head", Demo.CsHead, new[] { "personal", "console", "authorization", "signing" }],
        ["platform admin", Demo.PlatformAdmin, new[] { "personal", "signing", "platform" }],
        ["CA support", Demo.CaSupport, new[] { "personal", "signing", "support" }],
    ];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_area_answers_with_its_page_or_access_denied(string role, string phone, string[] allowed)
    {
        using var client = await factory.LoginAsync(phone);
        foreach (var area in AllAreas)
        {
            var response = await client.GetAsync("/" + area);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                // The authorization middleware forbids before any component renders: no data leaves the server.
                Assert.StartsWith("/access-denied", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
                response = await client.GetAsync(response.Headers.Location);
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            var denied = html.Contains("data-testid=\"access-denied\"", StringComparison.Ordinal);
            Assert.True(allowed.Contains(area) != denied, $"{role} on /{area}: expected {(allowed.Contains(area) ? "the page" : "access denied")}");
            // The nav lists exactly the allowed areas.
            var navAreas = Regex.Matches(html, "data-area=\"(\\w+)\"").Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct().Order();
            Assert.Equal(allowed.Order(), navAreas);
        }
    }

    [Fact]
    public async Task Verification_is_public_and_its_portal_page_is_every_signed_in_users()
    {
        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        var portalPage = await anonymous.GetAsync("/signing/verify");
        Assert.Equal(HttpStatusCode.Redirect, portalPage.StatusCode);
        Assert.Equal("/account/login", portalPage.Headers.Location?.AbsolutePath);

        foreach (var (_, phone, _) in Roles.Select(r => ((string)r[0], (string)r[1], (string[])r[2])))
        {
            using var client = await factory.LoginAsync(phone);
            var response = await client.GetAsync("/signing/verify");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("data-testid=\"access-denied\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Anonymous_users_are_sent_to_the_login_page()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/organization");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_tries_left()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await PortalWebFactory.PostLoginFormAsync(client, Demo.UniversitySealAdmin, "Wrong#Pass1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"error\"", html);
        Assert.Contains("4", Regex.Match(html, "data-testid=\"error\">([^<]*)").Groups[1].Value);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Phone"] = Demo.EnterpriseOwner,
            ["Input.Password"] = Portal.Application.Seeding.DemoSeed.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Security_headers_and_health()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/account/login");
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        // The database answers; this instance has no HSM pool configured, which health reports as degraded.
        Assert.Equal("Degraded", await client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task The_language_switch_sets_a_cookie_and_the_page_follows()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Contains("登录", await client.GetStringAsync("/account/login"));
        var set = await client.GetAsync("/culture/set?culture=en-US&redirectUri=%2Faccount%2Flogin");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var english = await client.GetStringAsync("/account/login");
        Assert.Contains("Log in", english);
        Assert.Contains("lang=\"en-US\"", english);
    }
    /// <summary>One page per area in en-US, as a person who may open it sees it: English chrome, no resource key showing through.</summary>
    [Theory]
    [InlineData("personal", Demo.CsMember, "Personal")]
    [InlineData("console", Demo.EnterpriseOwner, "Enterprise console")]
    [InlineData("organization", Demo.EnterpriseOwner, "Organization")]
    [InlineData("seals", Demo.EnterpriseSealAdmin, "Seals")]
    [InlineData("authorization", Demo.EnterpriseSealAdmin, "Authorization center")]
    [InlineData("certificates", Demo.EnterpriseSealAdmin, "Certificates")]
    [InlineData("signing", Demo.EnterpriseMember, "Signing")]
    [InlineData("support", Demo.CaSupport, "CA support")]
    [InlineData("platform", Demo.PlatformAdmin, "Platform admin")]
    public async Task Each_area_renders_in_english(string area, string phone, string areaName)
    {
        using var client = await factory.LoginAsync(phone);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/culture/set?culture=en-US&redirectUri=%2F{area}")).StatusCode);
        var response = await client.GetAsync("/" + area);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"en-US\"", html);
        Assert.DoesNotContain("data-testid=\"access-denied\"", html);
        // The area's nav link reads its English name.
        Assert.Matches($"data-area=\"{char.ToUpperInvariant(area[0]) + area[1..]}\"[^>]*>(?:(?!</a>)[\\s\\S])*{Regex.Escape(areaName)}", html);
        Assert.Contains("Log out", html);
        // A missing en-US text would show its key (IStringLocalizer falls back to the name), e.g. ">SealType.Official<".
        var keys = Regex.Matches(html, ">\\s*([A-Z][A-Za-z]+(?:\\.[A-Z][A-Za-z0-9]*)+)\\s*<").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(keys.Count == 0, $"/{area} shows resource keys: {string.Join(", ", keys)}");
    }
}
