using Portal.Application.Common;
using Portal.Application.Events;

namespace Portal.Application.Seals;

internal static class SealEventScope
{
    /// <summary>Handlers write through the raising command's context; it must be scoped to the event's organization.</summary>
    public static void Check(IPortalDbContext db, IDomainEvent e)
    {
        if (db.ScopeOrganizationId != e.OrganizationId)
        {
            throw new InvalidOperationException("Seal event handlers run in a context scoped to the event's organization.");
        }
    }
}
