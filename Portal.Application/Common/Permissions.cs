using Portal.Application.Domain;

namespace Portal.Application.Common;

/// <summary>Permission constants; each becomes an authorization policy of the same name.</summary>
public static class Permissions
{
    public const string PersonalUse = "Permissions.Personal.Use";
    public const string ConsoleView = "Permissions.Console.View";
    public const string OrganizationManage = "Permissions.Organization.Manage";
    public const string SealsManage = "Permissions.Seals.Manage";
    public const string AuthorizationView = "Permissions.Authorization.View";
    public const string AuthorizationManage = "Permissions.Authorization.Manage";
    public const string AuthorizationApprove = "Permissions.Authorization.Approve";
    public const string CertificatesManage = "Permissions.Certificates.Manage";
    public const string SigningUse = "Permissions.Signing.Use";
    public const string SupportUse = "Permissions.Support.Use";
    public const string PlatformAdmin = "Permissions.Platform.Admin";

    public static readonly IReadOnlyList<string> All =
    [
        PersonalUse, ConsoleView, OrganizationManage, SealsManage, AuthorizationView, AuthorizationManage,
        AuthorizationApprove, CertificatesManage, SigningUse, SupportUse, PlatformAdmin,
    ];

    /// <summary>
    /// What a signed-in user may do: <paramref name="roles"/> are their roles in the current
    /// organization space (null in the personal space or when not a member).
    /// </summary>
    public static IReadOnlySet<string> For(OrgRoles? roles, IEnumerable<string> platformRoles)
    {
        var granted = new HashSet<string> { PersonalUse, SigningUse };
        if (roles is { } r)
        {
            granted.Add(ConsoleView);
            granted.Add(AuthorizationView);
            if (r.HasFlag(OrgRoles.DepartmentHead))
            {
                granted.Add(AuthorizationApprove);
            }
            if (r.HasFlag(OrgRoles.SealAdmin) || r.HasFlag(OrgRoles.Owner))
            {
                granted.Add(SealsManage);
                granted.Add(AuthorizationManage);
                granted.Add(AuthorizationApprove);
                granted.Add(CertificatesManage);
            }
            if (r.HasFlag(OrgRoles.Owner))
            {
                granted.Add(OrganizationManage);
            }
        }
        foreach (var role in platformRoles)
        {
            if (role == PlatformRoles.PlatformAdmin)
            {
                granted.Add(PlatformAdmin);
            }
            else if (role == PlatformRoles.CaSupport)
            {
                granted.Add(SupportUse);
            }
        }
        return granted;
    }
}
