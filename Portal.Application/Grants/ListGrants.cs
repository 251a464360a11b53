using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Grants;

public sealed record GrantRow(Guid Id, Guid SealId, string SealName, SealType SealType, SealStatus SealStatus, Guid? GranteeUserId,
    Guid? GranteeDepartmentId, string GranteeName, DateTime StartUtc, DateTime? EndUtc, GrantStatus Status, GrantSource Source,
    bool IsExpired, DateTime? RevokedAtUtc, string? RevokeReason);

/// <summary>
/// 授权中心: owners and seal admins see every grant; other members see their own and their department's. Expired grants are
/// flagged (已失效) so the page greys them.
/// </summary>
public sealed class ListGrants(IPortalDbContextFactory dbFactory, Access access, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<GrantRow>>> ExecuteAsync(Guid? sealId = null, bool includeRevoked = true,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Member, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var m = me.Value!;
        var now = clock.GetUtcNow().UtcDateTime;
        var q = db.SealGrants.AsNoTracking();
        if ((m.Roles & (OrgRoles.Owner | OrgRoles.SealAdmin)) == 0)
        {
            q = q.Where(g => g.GranteeUserId == m.UserId || (m.DepartmentId != null && g.GranteeDepartmentId == m.DepartmentId));
        }
        if (sealId is { } s)
        {
            q = q.Where(g => g.SealId == s);
        }
        if (!includeRevoked)
        {
            q = q.Where(g => g.Status == GrantStatus.Active);
        }
        var rows = await (from g in q
                          join seal in db.Seals on g.SealId equals seal.Id
                          orderby g.Status, g.GrantedAtUtc descending
                          select new GrantRow(g.Id, g.SealId, seal.Name, seal.Type, seal.Status, g.GranteeUserId, g.GranteeDepartmentId,
                              g.GranteeUserId != null
                                  ? db.Memberships.Where(x => x.UserId == g.GranteeUserId).Select(x => x.Name).FirstOrDefault() ?? ""
                                  : db.Departments.Where(x => x.Id == g.GranteeDepartmentId).Select(x => x.Name).FirstOrDefault() ?? "",
                              g.StartUtc, g.EndUtc, g.Status, g.Source, g.Status == GrantStatus.Active && g.EndUtc != null && g.EndUtc < now,
                              g.RevokedAtUtc, g.RevokeReason)).ToListAsync(cancellationToken);
        return rows;
    }
}
