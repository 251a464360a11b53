namespace Portal.Application.Domain;

/// <summary>Platform roles (ASP.NET Core Identity roles), separate from organization roles.</summary>
public static class PlatformRoles
{
    public const string PlatformAdmin = "PlatformAdmin";
    public const string CaSupport = "CaSupport";

    public static readonly IReadOnlyList<string> All = [PlatformAdmin, CaSupport];
}
