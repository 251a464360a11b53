using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>
/// What removing a member (or the caller leaving) would cause — seal grants lost and so on — shown before
/// the user confirms. Lists nothing until later features register consequence providers.
/// </summary>
public sealed class PreviewMemberExit(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, Access access, ConsequencePreview preview)
{
    /// <summary>Removal of <paramref name="membershipId"/> from the current space (owner).</summary>
    public async Task<Result<IReadOnlyList<Consequence>>> RemovalAsync(Guid membershipId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var member = db.Memberships.FirstOrDefault(m => m.Id == membershipId);
        if (member is null)
        {
            return Result<IReadOnlyList<Consequence>>.Fail(Errors.NotFound);
        }
        return Result<IReadOnlyList<Consequence>>.Ok(await preview.PreviewAsync(db,
            new MemberRemoved(member.OrganizationId, member.Id, member.UserId), cancellationToken));
    }

    /// <summary>The caller leaving <paramref name="organizationId"/>.</summary>
    public async Task<Result<IReadOnlyList<Consequence>>> LeavingAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateForScope(organizationId, currentUser.UserId);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        return Result<IReadOnlyList<Consequence>>.Ok(await preview.PreviewAsync(db,
            new MemberLeft(organizationId, me.Value!.Id, me.Value.UserId), cancellationToken));
    }
}
