using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Domain;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

public class LoginProtectionTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private static async Task<string> PostLoginAsync(HttpClient client, string phone, string password)
    {
        var response = await PortalWebFactory.PostLoginFormAsync(client, phone, password);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task After_three_failures_an_image_captcha_is_required()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        string html = "";
        for (var i = 0; i < 2; i++)
        {
            html = await PostLoginAsync(client, Demo.CsMember, "Wrong#Pass1");
            Assert.DoesNotContain("data-testid=\"captcha-image\"", html);
        }
        html = await PostLoginAsync(client, Demo.CsMember, "Wrong#Pass1");
        var captchaId = Regex.Match(html, "src=\"account/captcha/([0-9A-F]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(captchaId), "the third failure shows a captcha");

        var image = await client.GetAsync("/account/captcha/" + captchaId);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        var png = await image.Content.ReadAsByteArrayAsync();
        Assert.True(png.Length > 200 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');

        // Even the right password is refused without the captcha.
        html = await PostLoginAsync(client, Demo.CsMember, Portal.Application.Seeding.DemoSeed.Password);
        Assert.Contains("data-testid=\"error\"", html);
        Assert.Contains("data-testid=\"captcha-image\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/account/captcha/DEADBEEF")).StatusCode);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByNameAsync(Demo.EnterpriseMember2))!;
        for (var i = 0; i < 4; i++)
        {
            await users.AccessFailedAsync(user);
            Assert.False(await users.IsLockedOutAsync(user));
        }
        await users.AccessFailedAsync(user);
        Assert.True(await users.IsLockedOutAsync(user));
        var minutes = (user.LockoutEnd!.Value - DateTimeOffset.UtcNow).TotalMinutes;
        Assert.InRange(minutes, 14, 15.1);
        await users.SetLockoutEndDateAsync(user, null);
    }
}
