using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningTasks;

/// <summary>
/// 自动催办: for every task in progress whose initiator chose reminders every N days, reminds whoever holds it up when N days
/// passed since sending or the last round — until the deadline, and for at most 30 days. Called by the scheduler (and tests).
/// </summary>
public sealed class SendAutomaticReminders(WriteUnit unit, IPortalDbContextFactory dbFactory, TimeProvider clock, TaskNotifications notifications)
{
    public const int BatchSize = 500;

    /// <summary>Returns how many tasks got a reminder round.</summary>
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<(Guid Id, Guid? OrganizationId)> candidates;
        await using (var db = dbFactory.CreateForScope(null, null))
        {
            var oldest = now.AddDays(-TaskRules.MaxAutomaticReminderDays);
            candidates = (await db.SigningTasks.IgnoreQueryFilters().AsNoTracking()
                .Where(t => t.Status == SigningTaskStatus.InProgress && t.DeadlineUtc >= now && t.ReminderIntervalDays != null && t.SentAtUtc >= oldest)
                .OrderBy(t => t.DeadlineUtc).Take(BatchSize * 4)
                .Select(t => new { t.Id, t.OrganizationId, t.ReminderIntervalDays, t.SentAtUtc, t.LastAutoReminderAtUtc }).ToListAsync(cancellationToken))
                .Where(t => now >= (t.LastAutoReminderAtUtc ?? t.SentAtUtc!.Value).AddDays(t.ReminderIntervalDays!.Value))
                .Take(BatchSize).Select(t => (t.Id, t.OrganizationId)).ToList();
        }
        var reminded = 0;
        foreach (var (id, org) in candidates)
        {
            var r = await unit.RunAsync(Write.Unchecked(org), async w =>
            {
                var task = await TaskAccess.LoadAsync(w.Db, id, cancellationToken);
                if (task is null || !TaskRules.AutomaticReminderDue(task, w.Now))
                {
                    return Result.Fail(Errors.NothingChanged);
                }
                task.LastAutoReminderAtUtc = w.Now;
                var due = task.Participants.Where(p => TaskRules.MayBeReminded(p, w.Now)).ToList();
                if (due.Count > 0)
                {
                    RemindParticipants.Remind(w, task, due, "", notifications);
                    w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, null, "", null, TaskEventActions.AutoReminded, string.Join("、", due.Select(p => p.Name))));
                    w.Audit(AuditActions.TaskRemindAutomatic, task.Id.ToString(), $"{task.Number}; reminded {string.Join(",", due.Select(p => p.Name))}",
                        organizationId: org);
                }
                return Result.Ok();
            }, cancellationToken);
            reminded += r.Succeeded ? 1 : 0;
        }
        return reminded;
    }
}
