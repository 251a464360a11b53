using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Web.Components.Layout;

namespace Portal.Tests.Web;

public class NavMenuTests
{
    public static IEnumerable<object?[]> Roles =>
    [
        [OrgRoles.Owner, Array.Empty<string>(), new[] { "Personal", "Console", "Organization", "Seals", "Authorization", "Certificates", "Signing" }],
        [OrgRoles.SealAdmin, Array.Empty<string>(), new[] { "Personal", "Console", "Seals", "Authorization", "Certificates", "Signing" }],
        [OrgRoles.DepartmentHead, Array.Empty<string>(), new[] { "Personal", "Console", "Authorization", "Signing" }],
        [OrgRoles.Member, Array.Empty<string>(), new[] { "Personal", "Console", "Authorization", "Signing" }],
        [null, Array.Empty<string>(), new[] { "Personal", "Signing" }],
        [null, new[] { PlatformRoles.PlatformAdmin }, new[] { "Personal", "Signing", "Platform" }],
        [null, new[] { PlatformRoles.CaSupport }, new[] { "Personal", "Signing", "Support" }],
    ];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task The_nav_shows_exactly_the_allowed_areas(OrgRoles? roles, string[] platformRoles, string[] expected)
    {
        await using var ctx = PortalBunit.Create(checkPopoverProvider: true);
        var nav = ctx.Render<NavMenu>(p => p.Add(x => x.Permissions, Permissions.For(roles, platformRoles)));
        var shown = nav.FindAll("[data-area]").Select(e => e.GetAttribute("data-area")).ToArray();
        Assert.Equal(expected, shown);
        // Labels come from the zh-CN resources, not from the keys.
        Assert.DoesNotContain(nav.FindAll("[data-area]"), e => e.TextContent.Contains("Area.", StringComparison.Ordinal));
    }
}
