using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningTasks;

/// <summary>
/// 拒签: a participant whose turn it is refuses, with a reason, where the initiator allowed it. The task is voided
/// (已作废, refused) and everyone concerned is told.
/// </summary>
public sealed class RefuseTask(WriteUnit unit, TaskAccess access, ICurrentUser currentUser, TaskNotifications notifications)
{
    public async Task<Result> ExecuteAsync(Guid taskId, string reason, CancellationToken cancellationToken = default)
    {
        if (TaskRules.CleanReason(reason) is not { } why)
        {
            return Result.Fail(Errors.ReasonRequired);
        }
        return await access.RunOnVisibleAsync(unit, taskId, async (w, task) =>
        {
            var turn = TaskRules.ActiveParticipant(task, w.UserId!.Value, w.Now);
            var refusal = turn.Error ?? (turn.Value!.AllowRefusal ? null : new PortalError(Errors.TaskRefusalNotAllowed, task.Number));
            if (refusal is not null)
            {
                return w.Refuse(refusal, AuditActions.TaskRefuse, task.Id.ToString(), $"{task.Number}: {refusal}");
            }
            var me = turn.Value!;
            me.State = ParticipantState.Refused;
            me.RefusalReason = why;
            me.FinishedAtUtc = w.Now;
            TaskRules.Void(task, TaskVoidKind.Refused, why, w.UserId, w.Now);
            w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, w.UserId, me.Name, currentUser.IpAddress, TaskEventActions.Refused, why));
            notifications.Ended(w, task, SmsMessages.TaskRefused(task.Name, me.Name, why), except: w.UserId);
            w.Audit(AuditActions.TaskRefuse, task.Id.ToString(), $"{task.Number}; participant {me.Name}; reason {why}");
            return Result.Ok();
        }, cancellationToken);
    }
}
