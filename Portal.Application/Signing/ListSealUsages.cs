using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Signing;

/// <summary>Ledger filters: time (UTC instants), user, department, seal; all optional.</summary>
public sealed record SealUsageFilter(DateTime? FromUtc = null, DateTime? ToUtc = null, Guid? UserId = null, Guid? DepartmentId = null,
    Guid? SealId = null);

public sealed record SealUsageRow(Guid Id, Guid SealId, string SealName, Guid UserId, string UserName, Guid? DepartmentId, string? DepartmentName,
    string DocumentName, string DocumentSha256, string Pages, int StampCount, DateTime SignedAtUtc, string? IpAddress, string Decision);

/// <summary>
/// 印章使用记录: owners and seal admins see every use in the organization; other members see their own uses only
/// (enforced here, whatever the filter asks).
/// </summary>
public sealed class ListSealUsages(WriteUnit unit)
{
    public const int MaxRows = 5000;

    public Task<Result<IReadOnlyList<SealUsageRow>>> ExecuteAsync(SealUsageFilter filter, CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<SealUsageRow>>(Write.InSpace(), async read =>
        {
            return (await QueryAsync(read.Db, read.Me!, filter, cancellationToken)).ToList();
        }, cancellationToken);

    public static bool SeesAll(Membership me) => me.Has(OrgRoles.Owner) || me.Has(OrgRoles.SealAdmin);

    internal static async Task<IReadOnlyList<SealUsageRow>> QueryAsync(IPortalDbContext db, Membership me, SealUsageFilter f, CancellationToken cancellationToken)
    {
        var q = db.SealUsages.AsNoTracking().Where(u => u.OrganizationId == db.ScopeOrganizationId);
        if (!SeesAll(me))
        {
            q = q.Where(u => u.UserId == me.UserId);
        }
        if (f.FromUtc is { } from)
        {
            q = q.Where(u => u.SignedAtUtc >= from);
        }
        if (f.ToUtc is { } to)
        {
            q = q.Where(u => u.SignedAtUtc < to);
        }
        if (f.UserId is { } user)
        {
            q = q.Where(u => u.UserId == user);
        }
        if (f.DepartmentId is { } dept)
        {
            q = q.Where(u => u.DepartmentId == dept);
        }
        if (f.SealId is { } seal)
        {
            q = q.Where(u => u.SealId == seal);
        }
        var rows = await q.OrderByDescending(u => u.SignedAtUtc).Take(MaxRows).ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        return rows.Select(u => new SealUsageRow(u.Id, u.SealId, u.SealName, u.UserId, u.UserName, u.DepartmentId,
            u.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null, u.DocumentName, u.DocumentSha256, u.Pages, u.StampCount,
            u.SignedAtUtc, u.IpAddress, u.Decision)).ToList();
    }
}
