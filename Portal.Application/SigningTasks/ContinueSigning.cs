using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningTasks;

/// <summary>
/// 继续签署: the participant whose turn is open starts another signing round (more stamps on the documents) instead of
/// ending it. Only while their turn is open: after 结束签署 it is another participant's task.
/// </summary>
public sealed class ContinueSigning(WriteUnit unit, TaskAccess access, ICurrentUser currentUser)
{
    public async Task<Result> ExecuteAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        return await access.RunOnVisibleAsync(unit, taskId, async (w, task) =>
        {
            var turn = TaskRules.ActiveParticipant(task, w.UserId!.Value, w.Now);
            if (!turn.Succeeded)
            {
                return w.Refuse(turn.Error!, AuditActions.TaskContinue, task.Id.ToString(), $"{task.Number}: {turn.Error}");
            }
            var me = turn.Value!;
            if (me.Signatures == 0)
            {
                return Result.Fail(Errors.TaskNothingSigned);
            }
            me.Round++;
            w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, w.UserId, me.Name, currentUser.IpAddress, TaskEventActions.Continued,
                $"round {me.Round}"));
            w.Audit(AuditActions.TaskContinue, task.Id.ToString(), $"{task.Number}; participant {me.Name}; round {me.Round}");
            return Result.Ok();
        }, cancellationToken);
    }
}
