using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>
/// What removing a member (or the caller leaving) would cause — seal grants lost and so on — shown before
/// the user confirms. Lists nothing until later features register consequence providers.
/// </summary>
public sealed class PreviewMemberExit(WriteUnit unit, ConsequencePreview preview)
{
    /// <summary>Removal of <paramref name="membershipId"/> from the current space (owner).</summary>
    public Task<Result<IReadOnlyList<Consequence>>> RemovalAsync(Guid membershipId, CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<Consequence>>(Write.InSpace(OrgRoles.Owner), async read =>
        {
            var member = read.Db.Memberships.FirstOrDefault(m => m.Id == membershipId);
            if (member is null)
            {
                return Result<IReadOnlyList<Consequence>>.Fail(Errors.NotFound);
            }
            return Result<IReadOnlyList<Consequence>>.Ok(await preview.PreviewAsync(read.Db,
                new MemberRemoved(member.OrganizationId, member.Id, member.UserId), cancellationToken));
        }, cancellationToken);

    /// <summary>The caller leaving <paramref name="organizationId"/>.</summary>
    public Task<Result<IReadOnlyList<Consequence>>> LeavingAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<Consequence>>(Write.InOrganization(organizationId), async read =>
            Result<IReadOnlyList<Consequence>>.Ok(await preview.PreviewAsync(read.Db,
                new MemberLeft(organizationId, read.Me!.Id, read.Me.UserId), cancellationToken)), cancellationToken);
}
