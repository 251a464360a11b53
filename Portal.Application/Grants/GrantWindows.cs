using Portal.Application.Common;
using Portal.Application.Policies;

namespace Portal.Application.Grants;

/// <summary>
/// Grant validity in the organization's time zone: a grant starts at 00:00 of its first day (or now, when that is today) and
/// ends at 23:59:59 of its last day, both stored as UTC.
/// </summary>
public static class GrantWindows
{
    public static TimeZoneInfo Zone(string timeZoneId)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
    }

    public static DateOnly LocalDate(DateTime utc, string timeZoneId) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(timeZoneId)));

    public static DateTime ToLocal(DateTime utc, string timeZoneId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(timeZoneId));

    /// <summary>23:59:59 of <paramref name="day"/> in the zone, as UTC.</summary>
    public static DateTime EndOfDayUtc(DateOnly day, string timeZoneId) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Unspecified), Zone(timeZoneId));

    /// <summary>00:00 of <paramref name="day"/> in the zone, as UTC.</summary>
    public static DateTime StartOfDayUtc(DateOnly day, string timeZoneId) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone(timeZoneId));

    /// <summary>
    /// Checks a requested window against the rule and turns it into UTC instants. <paramref name="lastDay"/> null asks for a
    /// long-term grant. The first day may not lie in the past; the window counts both days.
    /// </summary>
    public static Result<(DateTime StartUtc, DateTime? EndUtc)> Resolve(DateOnly firstDay, DateOnly? lastDay, EffectiveSealRule rule,
        string timeZoneId, DateTime nowUtc)
    {
        var today = LocalDate(nowUtc, timeZoneId);
        if (firstDay < today || (lastDay is { } l && l < firstDay))
        {
            return Result<(DateTime, DateTime?)>.Fail(Errors.GrantWindowInvalid);
        }
        if (lastDay is null && !rule.AllowLongTerm)
        {
            return Result<(DateTime, DateTime?)>.Fail(Errors.GrantLongTermNotAllowed, rule.MaxGrantDays ?? 0);
        }
        if (lastDay is { } last && rule.MaxGrantDays is { } max && last.DayNumber - firstDay.DayNumber + 1 > max)
        {
            return Result<(DateTime, DateTime?)>.Fail(Errors.GrantTooLong, max);
        }
        var start = firstDay == today ? nowUtc : StartOfDayUtc(firstDay, timeZoneId);
        return (start, lastDay is { } d ? EndOfDayUtc(d, timeZoneId) : null);
    }
}
