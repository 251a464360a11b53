using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Grants;

/// <summary>Grant queries both halves share (the signing engine asks "does U hold S now?").</summary>
public static class SealGrants
{
    /// <summary>
    /// The grant in force at <paramref name="nowUtc"/> that lets <paramref name="userId"/> use the seal: one on the user, or
    /// one on the department the user is a member of. Null when there is none. The seal's own state (voided, pending) is not
    /// checked here. When several apply, the user's own grant comes first, then the one ending last.
    /// </summary>
    public static async Task<SealGrant?> ActiveGrantForAsync(IPortalDbContext db, Guid userId, Guid sealId, DateTime nowUtc,
        CancellationToken cancellationToken = default)
    {
        var orgId = await db.Seals.Where(s => s.Id == sealId).Select(s => (Guid?)s.OrganizationId).FirstOrDefaultAsync(cancellationToken);
        if (orgId is null)
        {
            return null;
        }
        var departmentId = await db.Memberships.Where(m => m.UserId == userId && m.OrganizationId == orgId)
            .Select(m => new { m.DepartmentId }).FirstOrDefaultAsync(cancellationToken);
        if (departmentId is null)
        {
            return null;
        }
        var dept = departmentId.DepartmentId;
        var candidates = await db.SealGrants
            .Where(g => g.OrganizationId == orgId && g.SealId == sealId && g.Status == GrantStatus.Active
                && (g.GranteeUserId == userId || (dept != null && g.GranteeDepartmentId == dept)))
            .ToListAsync(cancellationToken);
        return candidates.Where(g => g.IsInForceAt(nowUtc))
            .OrderBy(g => g.GranteeUserId == userId ? 0 : 1)
            .ThenByDescending(g => g.EndUtc ?? DateTime.MaxValue)
            .FirstOrDefault();
    }
}
