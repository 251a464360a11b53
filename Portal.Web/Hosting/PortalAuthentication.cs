using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Infrastructure.Identity;

namespace Portal.Web.Hosting;

/// <summary>
/// Every minute, checks that a connected circuit's session is still alive in the ticket store (not logged out, not past its
/// sliding or absolute end) and that the user's security stamp is unchanged; otherwise the circuit becomes anonymous.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, DbTicketStore sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        if (!await sessions.IsActiveAsync(state.User, cancellationToken))
        {
            return false;
        }
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null)
        {
            return false;
        }
        var principalStamp = state.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}

/// <summary>A permission a page or command needs; one policy per permission constant.</summary>
internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>Grants a permission when the user's roles in their current space (read fresh) include it.</summary>
internal sealed class PermissionAuthorizationHandler(SpacePermissions permissions) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }
        var granted = await permissions.GetAsync(context.User);
        if (granted.Contains(requirement.Permission))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>The permissions of a principal in its current space (membership roles + platform roles).</summary>
public sealed class SpacePermissions(IServiceScopeFactory scopes)
{
    public async Task<IReadOnlySet<string>> GetAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return new HashSet<string>();
        }
        var platformRoles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(userId, platformRoles);
        var db = await scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateAsync(cancellationToken);
        await using (db)
        {
            OrgRoles? roles = null;
            if (db.ScopeOrganizationId is { } orgId)
            {
                roles = await db.Memberships.Where(x => x.UserId == userId && x.OrganizationId == orgId)
                    .Select(x => (OrgRoles?)x.Roles).FirstOrDefaultAsync(cancellationToken);
            }
            return Permissions.For(roles, platformRoles);
        }
    }
}

internal static class AuthorizationSetup
{
    public static IServiceCollection AddPortalAuthorization(this IServiceCollection services)
    {
        services.AddScoped<SpacePermissions>();
        services.AddScoped<IAuthorizationHandler, PermissionAuthorizationHandler>();
        services.AddAuthorizationBuilder().AddPolicies();
        return services;
    }

    private static void AddPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Permissions.All)
        {
            builder.AddPolicy(permission, p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        }
    }
}
