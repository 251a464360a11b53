using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Spaces;

/// <summary>One entry of the space switcher: the personal space (null id) or an organization.</summary>
public sealed record SpaceOption(Guid? OrganizationId, string Name, OrgRoles? Roles);

/// <summary>The spaces the current user can work in, and the current one.</summary>
public sealed class ListMySpaces(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, ICurrentSpace currentSpace)
{
    public async Task<(IReadOnlyList<SpaceOption> Spaces, Guid? Current)> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return ([], null);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        // Memberships are read across organizations on purpose: the switcher lists them all, for this user only.
        // Only certified organizations are spaces; drafts are managed from the personal area.
        var orgs = await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == userId)
            .Join(db.Organizations.Where(o => o.Status == OrganizationStatus.Certified), m => m.OrganizationId, o => o.Id,
                (m, o) => new { o.Id, o.Name, m.Roles })
            .OrderBy(x => x.Name).ToListAsync(cancellationToken);
        var list = new List<SpaceOption> { new(null, "", null) };
        list.AddRange(orgs.Select(o => new SpaceOption(o.Id, o.Name, o.Roles)));
        return (list, await currentSpace.GetOrganizationIdAsync(cancellationToken));
    }
}
