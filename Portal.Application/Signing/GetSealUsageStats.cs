using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;

namespace Portal.Application.Signing;

/// <summary>Uses of one seal in one period (a day or an ISO week starting Monday, organization time).</summary>
public sealed record SealUsagePoint(Guid SealId, string SealName, DateOnly PeriodStart, int Uses);

/// <summary>Console dashboard: uses per seal per day (last <c>days</c>) and per week (last <c>weeks</c>), in the organization's time zone.</summary>
public sealed record SealUsageStats(IReadOnlyList<DateOnly> Days, IReadOnlyList<DateOnly> Weeks, IReadOnlyList<SealUsagePoint> PerDay,
    IReadOnlyList<SealUsagePoint> PerWeek);

public sealed class GetSealUsageStats(WriteUnit unit, TimeProvider clock)
{
    public Task<Result<SealUsageStats>> ExecuteAsync(int days = 14, int weeks = 8, CancellationToken cancellationToken = default) =>
        unit.ReadAsync<SealUsageStats>(Write.InSpace(), async read =>
        {
            var org = await read.Db.Organizations.AsNoTracking().FirstAsync(o => o.Id == read.Me!.OrganizationId, cancellationToken);
            var zone = Grants.GrantWindows.Zone(org.TimeZoneId);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone));
            var firstDay = today.AddDays(-(days - 1));
            var thisWeek = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            var firstWeek = thisWeek.AddDays(-7 * (weeks - 1));
            var start = firstWeek < firstDay ? firstWeek : firstDay;
            var fromUtc = TimeZoneInfo.ConvertTimeToUtc(start.ToDateTime(TimeOnly.MinValue), zone);
            var q = read.Db.SealUsages.AsNoTracking().Where(u => u.OrganizationId == read.Me!.OrganizationId && u.SignedAtUtc >= fromUtc);
            if (!ListSealUsages.SeesAll(read.Me!))
            {
                q = q.Where(u => u.UserId == read.Me!.UserId);
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
        }, cancellationToken);
}
