using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

public sealed record MyCertificationRow(Guid OrganizationId, string Name, OrganizationStatus Status, CertificationChannel Channel,
    bool AwaitingPlatformReview);

/// <summary>The organizations the caller owns that are not yet certified (they are not spaces yet).</summary>
public sealed class ListMyCertifications(IPortalDbContextFactory dbFactory, ICurrentUser currentUser)
{
    public async Task<IReadOnlyList<MyCertificationRow>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return [];
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        // Across organizations on purpose, for this user's own owner memberships only.
        return await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == userId && (m.Roles & OrgRoles.Owner) != 0)
            .Join(db.Organizations.Where(o => o.Status != OrganizationStatus.Certified), m => m.OrganizationId, o => o.Id, (m, o) => o)
            .OrderBy(o => o.CreatedAtUtc)
            .Select(o => new MyCertificationRow(o.Id, o.Name, o.Status, o.Channel, o.AwaitingPlatformReview))
            .ToListAsync(cancellationToken);
    }
}
