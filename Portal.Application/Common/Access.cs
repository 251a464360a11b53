using Microsoft.EntityFrameworkCore;
using Portal.Application.Domain;

namespace Portal.Application.Common;

/// <summary>
/// Server-side permission checks every command makes again (UI checks are convenience only):
/// the caller is signed in, still a member of the current space, and holds one of the roles.
/// </summary>
public sealed class Access(ICurrentUser currentUser)
{
    /// <summary>The caller's membership of the context's scoped organization, if it has any of <paramref name="anyOf"/>.</summary>
    public async Task<Result<Membership>> RequireAsync(IPortalDbContext db, OrgRoles anyOf = OrgRoles.Member,
        CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<Membership>.Fail(Errors.NotSignedIn);
        }
        if (db.ScopeOrganizationId is not { } orgId)
        {
            return Result<Membership>.Fail(Errors.NotAMember);
        }
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == userId && m.OrganizationId == orgId, cancellationToken);
        if (membership is null)
        {
            return Result<Membership>.Fail(Errors.NotAMember);
        }
        if (anyOf != OrgRoles.Member && (membership.Roles & anyOf) == 0)
        {
            return Result<Membership>.Fail(Errors.Forbidden);
        }
        return membership;
    }

    public Result RequirePlatformRole(string role) =>
        currentUser.UserId is null ? Result.Fail(Errors.NotSignedIn)
        : currentUser.IsInPlatformRole(role) ? Result.Ok()
        : Result.Fail(Errors.Forbidden);
}

/// <summary>Tells open sessions of a user that their access to a space changed (removal, role change).</summary>
public interface ISpaceAccessNotifier
{
    void AccessChanged(Guid userId, Guid organizationId);

    /// <summary>Every session of the user ended (logout everywhere, password or phone change): reload all their circuits.</summary>
    void SessionsEnded(Guid userId)
    {
    }
}
