using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningTasks;

/// <summary>
/// 过期: voids every task still in progress after 23:59:59 of its deadline day (its zone), each in its own unit, and tells
/// everyone concerned. Called by the scheduler (and by tests directly); safe to run twice or on two nodes at once — the state
/// is re-checked under the lock.
/// </summary>
public sealed class ExpireTasks(WriteUnit unit, IPortalDbContextFactory dbFactory, TimeProvider clock, TaskNotifications notifications)
{
    public const int BatchSize = 500;

    /// <summary>Returns how many tasks it voided.</summary>
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<(Guid Id, Guid? OrganizationId)> due;
        await using (var db = dbFactory.CreateForScope(null, null))
        {
            // Across every space, by the (Status, DeadlineUtc) index.
            due = (await db.SigningTasks.IgnoreQueryFilters().AsNoTracking()
                .Where(t => t.Status == SigningTaskStatus.InProgress && t.DeadlineUtc < now)
                .OrderBy(t => t.DeadlineUtc).Take(BatchSize).Select(t => new { t.Id, t.OrganizationId }).ToListAsync(cancellationToken))
                .Select(t => (t.Id, t.OrganizationId)).ToList();
        }
        var expired = 0;
        foreach (var (id, org) in due)
        {
            var r = await unit.RunAsync(Write.Unchecked(org), async w =>
            {
                var task = await TaskAccess.LoadAsync(w.Db, id, cancellationToken);
                if (task is null || task.Status != SigningTaskStatus.InProgress || !TaskRules.IsPastDeadline(task, w.Now))
                {
                    return Result.Fail(Errors.NothingChanged);
                }
                TaskRules.Void(task, TaskVoidKind.Expired, null, null, w.Now);
                w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, null, "", null, TaskEventActions.Expired));
                notifications.Ended(w, task, SmsMessages.TaskExpired(task.Name, task.DeadlineDate));
                w.Audit(AuditActions.TaskExpire, task.Id.ToString(), $"{task.Number}; deadline {task.DeadlineDate:yyyy-MM-dd}", organizationId: org);
                return Result.Ok();
            }, cancellationToken);
            expired += r.Succeeded ? 1 : 0;
        }
        return expired;
    }
}
