using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Audit;

/// <summary>Recent events for the platform audit page.</summary>
public sealed class ListAuditEvents(IPortalDbContextFactory dbFactory)
{
    public async Task<IReadOnlyList<AuditEvent>> ExecuteAsync(int take, CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateForScope(null, null);
        return await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Take(take).ToListAsync(cancellationToken);
    }
}
