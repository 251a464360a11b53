using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
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
public sealed class ListSealUsages(IPortalDbContextFactory dbFactory, Access access)
{
    public const int MaxRows = 5000;

    public async Task<Result<IReadOnlyList<SealUsageRow>>> ExecuteAsync(SealUsageFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        return (await QueryAsync(db, me.Value!, filter, cancellationToken)).ToList();
    }

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

/// <summary>Exports the ledger rows the caller may see (same query and rules as the page) to Excel; audited.</summary>
public sealed class ExportSealUsages(IPortalDbContextFactory dbFactory, Access access, ITableExporter exporter, AuditTrail audit)
{
    public static readonly IReadOnlyList<string> Columns =
        ["SignedAt", "Seal", "User", "Department", "Document", "DocumentSha256", "Pages", "StampCount", "IpAddress", "Decision"];

    /// <summary><paramref name="header"/> localizes a column key; <paramref name="localTime"/> turns UTC into the displayed time.</summary>
    public async Task<Result<byte[]>> ExecuteAsync(SealUsageFilter filter, Func<string, string> header, Func<DateTime, DateTime> localTime,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var rows = await ListSealUsages.QueryAsync(db, me.Value!, filter, cancellationToken);
        var bytes = exporter.Export("SealUsage", [.. Columns.Select(header)], rows.Select(r => (IReadOnlyList<object?>)
        [
            localTime(r.SignedAtUtc), r.SealName, r.UserName, r.DepartmentName, r.DocumentName, r.DocumentSha256, r.Pages, r.StampCount,
            r.IpAddress, r.Decision,
        ]));
        await audit.RecordAsync(dbFactory, "seal.usage.export", "ledger", AuditOutcome.Success, $"{rows.Count} rows",
            me.Value!.OrganizationId, cancellationToken);
        return bytes;
    }
}

/// <summary>The signed PDF of one ledger entry, for its signer and for owners/seal admins.</summary>
public sealed class DownloadSignedDocument(IPortalDbContextFactory dbFactory, Access access, IFileStore files)
{
    public async Task<Result<(string FileName, byte[] Pdf)>> ExecuteAsync(Guid usageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var usage = await db.SealUsages.AsNoTracking().FirstOrDefaultAsync(u => u.Id == usageId, cancellationToken);
        if (usage is null || (!ListSealUsages.SeesAll(me.Value!) && usage.UserId != me.Value!.UserId))
        {
            return Result<(string, byte[])>.Fail(Errors.NotFound);
        }
        await using var stream = await files.OpenAsync(usage.SignedFileKey, cancellationToken);
        if (stream is null)
        {
            return Result<(string, byte[])>.Fail(Errors.NotFound);
        }
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return (SignWithSeal.SignedName(usage.DocumentName), buffer.ToArray());
    }
}

/// <summary>Uses of one seal in one period (a day or an ISO week starting Monday, organization time).</summary>
public sealed record SealUsagePoint(Guid SealId, string SealName, DateOnly PeriodStart, int Uses);

/// <summary>Console dashboard: uses per seal per day (last <c>days</c>) and per week (last <c>weeks</c>), in the organization's time zone.</summary>
public sealed record SealUsageStats(IReadOnlyList<DateOnly> Days, IReadOnlyList<DateOnly> Weeks, IReadOnlyList<SealUsagePoint> PerDay,
    IReadOnlyList<SealUsagePoint> PerWeek);

public sealed class GetSealUsageStats(IPortalDbContextFactory dbFactory, Access access, TimeProvider clock)
{
    public async Task<Result<SealUsageStats>> ExecuteAsync(int days = 14, int weeks = 8, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == me.Value!.OrganizationId, cancellationToken);
        var zone = Grants.GrantWindows.Zone(org.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
        var firstDay = today.AddDays(-(days - 1));
        var thisWeek = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstWeek = thisWeek.AddDays(-7 * (weeks - 1));
        var start = firstWeek < firstDay ? firstWeek : firstDay;
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(start.ToDateTime(TimeOnly.MinValue), zone);
        var q = db.SealUsages.AsNoTracking().Where(u => u.OrganizationId == me.Value!.OrganizationId && u.SignedAtUtc >= fromUtc);
        if (!ListSealUsages.SeesAll(me.Value!))
        {
            q = q.Where(u => u.UserId == me.Value!.UserId);
        }
        var uses = await q.Select(u => new { u.SealId, u.SealName, u.SignedAtUtc }).ToListAsync(cancellationToken);
        var local = uses.Select(u => new
        {
            u.SealId,
            u.SealName,
            Day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(u.SignedAtUtc, DateTimeKind.Utc), zone)),
        }).ToList();
        var perDay = local.Where(u => u.Day >= firstDay).GroupBy(u => (u.SealId, u.Day))
            .Select(g => new SealUsagePoint(g.Key.SealId, g.First().SealName, g.Key.Day, g.Count())).ToList();
        var perWeek = local.Select(u => new { u.SealId, u.SealName, Week = u.Day.AddDays(-(((int)u.Day.DayOfWeek + 6) % 7)) })
            .Where(u => u.Week >= firstWeek).GroupBy(u => (u.SealId, u.Week))
            .Select(g => new SealUsagePoint(g.Key.SealId, g.First().SealName, g.Key.Week, g.Count())).ToList();
        return new SealUsageStats(
            Enumerable.Range(0, days).Select(i => firstDay.AddDays(i)).ToList(),
            Enumerable.Range(0, weeks).Select(i => firstWeek.AddDays(7 * i)).ToList(),
            perDay, perWeek);
    }
}
