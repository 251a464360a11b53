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
public sealed class ListGrants(WriteUnit unit, TimeProvider clock)
{
    public Task<Result<IReadOnlyList<GrantRow>>> ExecuteAsync(Guid? sealId = null, bool includeRevoked = true,
        CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<GrantRow>>(Write.InSpace(), async read =>
        {
            var m = read.Me!;
            var now = clock.GetUtcNow().UtcDateTime;
            var q = read.Db.SealGrants.AsNoTracking();
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
                              join seal in read.Db.Seals on g.SealId equals seal.Id
                              orderby g.Status, g.GrantedAtUtc descending
                              select new GrantRow(g.Id, g.SealId, seal.Name, seal.Type, seal.Status, g.GranteeUserId, g.GranteeDepartmentId,
                                  g.GranteeUserId != null
                                      ? read.Db.Memberships.Where(x => x.UserId == g.GranteeUserId).Select(x => x.Name).FirstOrDefault() ?? ""
                                      : read.Db.Departments.Where(x => x.Id == g.GranteeDepartmentId).Select(x => x.Name).FirstOrDefault() ?? "",
                                  g.StartUtc, g.EndUtc, g.Status, g.Source, g.Status == GrantStatus.Active && g.EndUtc != null && g.EndUtc < now,
                                  g.RevokedAtUtc, g.RevokeReason)).ToListAsync(cancellationToken);
            return rows;
        }, cancellationToken);
}
