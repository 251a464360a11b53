using MudBlazor;
using Portal.Application.Common;

namespace Portal.Web.Components.Layout;

/// <summary>One area of the main navigation: where it lives and the permission it needs.</summary>
public sealed record Area(string Key, string Href, string Permission, string Icon);

/// <summary>The role-scoped areas, in navigation order.</summary>
public static class Areas
{
    public static readonly IReadOnlyList<Area> All =
    [
        new("Personal", "personal", Permissions.PersonalUse, Icons.Material.Filled.Person),
        new("Console", "console", Permissions.ConsoleView, Icons.Material.Filled.Dashboard),
        new("Organization", "organization", Permissions.OrganizationManage, Icons.Material.Filled.Apartment),
        new("Seals", "seals", Permissions.SealsManage, Icons.Material.Filled.Verified),
        new("Authorization", "authorization", Permissions.AuthorizationView, Icons.Material.Filled.AssignmentTurnedIn),
        new("Certificates", "certificates", Permissions.CertificatesManage, Icons.Material.Filled.WorkspacePremium),
        new("Signing", "signing", Permissions.SigningUse, Icons.Material.Filled.Draw),
        new("Support", "support", Permissions.SupportUse, Icons.Material.Filled.SupportAgent),
        new("Platform", "platform", Permissions.PlatformAdmin, Icons.Material.Filled.AdminPanelSettings),
    ];

    public static IEnumerable<Area> VisibleWith(IReadOnlySet<string> permissions) => All.Where(a => permissions.Contains(a.Permission));
}
