using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningTasks;

/// <summary>
/// 结束签署: the participant whose turn it is ends it (after at least one signature). When their step has nobody active
/// left, the next step's participants get their turn; when nobody is left, the task is completed and everyone is told.
/// </summary>
public sealed class FinishTurn(WriteUnit unit, TaskAccess access, ICurrentUser currentUser, TaskNotifications notifications)
{
    public async Task<Result> ExecuteAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        return await access.RunOnVisibleAsync(unit, taskId, async (w, task) =>
        {
            var turn = TaskRules.ActiveParticipant(task, w.UserId!.Value, w.Now);
            if (!turn.Succeeded)
            {
                return w.Refuse(turn.Error!, AuditActions.TaskFinish, task.Id.ToString(), $"{task.Number}: {turn.Error}");
            }
            var me = turn.Value!;
            if (me.Signatures == 0)
            {
                return Result.Fail(Errors.TaskNothingSigned);
            }
            me.State = ParticipantState.Finished;
            me.FinishedAtUtc = w.Now;
            w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, w.UserId, me.Name, currentUser.IpAddress, TaskEventActions.Finished,
                $"round {me.Round}; signatures {me.Signatures}"));
            Advance(w, task, notifications);
            w.Audit(AuditActions.TaskFinish, task.Id.ToString(), $"{task.Number}; participant {me.Name}; status {task.Status}");
            return Result.Ok();
        }, cancellationToken);
    }

    /// <summary>Moves the task on after a turn ended, with the trail and the SMS of what happened.</summary>
    internal static void Advance(WriteContext w, SigningTask task, TaskNotifications notifications)
    {
        var next = TaskRules.Advance(task, w.Now);
        foreach (var p in next)
        {
            w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, null, p.Name, null, TaskEventActions.TurnStarted, p.Name));
        }
        notifications.TurnStarted(w, task, next);
        if (task.Status == SigningTaskStatus.Completed)
        {
            w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, null, "", null, TaskEventActions.Completed));
            notifications.Ended(w, task, SmsMessages.TaskCompleted(task.Name, notifications.Link(task.Id)));
        }
    }
}
