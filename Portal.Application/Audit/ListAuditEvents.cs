using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Audit;

/// <summary>Recent events of every tenant for the platform audit page: platform admins only (it reads across tenants).</summary>
public sealed class ListAuditEvents(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<AuditEvent>>> ExecuteAsync(int take, CancellationToken cancellationToken = default)
    {
        if (access.RequirePlatformRole(PlatformRoles.PlatformAdmin) is { Succeeded: false } refused)
        {
            return refused.Error!;
        }
        await using var db = dbFactory.CreateForScope(null, null);
        return await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);
    }
}
