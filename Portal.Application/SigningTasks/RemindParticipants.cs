using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningTasks;

/// <summary>
/// 催办 (single or batch): the initiator, or a participant who has signed, reminds whoever holds a task up (its active
/// participants) by SMS with the link; at most one reminder per participant per hour — a task whose every holder was reminded
/// within the hour is refused with that reason. <paramref name="note"/>: user text, cut to 20 characters, links stripped.
/// </summary>
public sealed class RemindParticipants(WriteUnit unit, TaskAccess access, ICurrentUser currentUser, TaskNotifications notifications)
{
    public async Task<Result> ExecuteAsync(Guid taskId, string? note = null, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync([taskId], note, cancellationToken))[0].Error is { } error ? error : Result.Ok();

    public async Task<IReadOnlyList<TaskOutcome>> ExecuteAsync(IReadOnlyList<Guid> taskIds, string? note, CancellationToken cancellationToken = default)
    {
        var text = TaskRules.SmsText(note);
        var outcomes = new List<TaskOutcome>();
        foreach (var taskId in taskIds.Distinct())
        {
            outcomes.Add(new TaskOutcome(taskId, (await RemindOneAsync(taskId, text, cancellationToken)).Error));
        }
        return outcomes;
    }

    private async Task<Result> RemindOneAsync(Guid taskId, string note, CancellationToken cancellationToken)
    {
        return await access.RunOnVisibleAsync(unit, taskId, async (w, task) =>
        {
            if (TaskRules.CheckMayRemind(task, w.UserId!.Value, w.Now) is { } refusal)
            {
                return w.Refuse(refusal, AuditActions.TaskRemind, task.Id.ToString(), $"{task.Number}: {refusal}");
            }
            var due = task.Participants.Where(p => TaskRules.MayBeReminded(p, w.Now) && p.UserId != w.UserId).ToList();
            if (due.Count == 0)
            {
                return Result.Fail(Errors.TaskReminderTooSoon, task.Number);
            }
            var actor = task.InitiatorUserId == w.UserId ? task.InitiatorName
                : task.Participants.First(p => p.UserId == w.UserId).Name;
            Remind(w, task, due, note, notifications);
            w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, w.UserId, actor, currentUser.IpAddress, TaskEventActions.Reminded,
                string.Join("、", due.Select(p => p.Name))));
            w.Audit(AuditActions.TaskRemind, task.Id.ToString(), $"{task.Number}; reminded {string.Join(",", due.Select(p => p.Name))}");
            return Result.Ok();
        }, cancellationToken);
    }

    internal static void Remind(WriteContext w, SigningTask task, IReadOnlyList<TaskParticipant> due, string note, TaskNotifications notifications)
    {
        foreach (var p in due)
        {
            p.LastRemindedAtUtc = w.Now;
        }
        notifications.Reminded(w, task, due, note);
    }
}
