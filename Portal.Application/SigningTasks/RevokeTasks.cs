using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningTasks;

/// <summary>What happened to one task of a batch (null error: done).</summary>
public sealed record TaskOutcome(Guid TaskId, PortalError? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// 撤销: the initiator revokes unfinished tasks (one or several) with a reason; each is voided (revoked) in its own unit
/// and everyone concerned is told. A completed or already voided task is refused and left as it is.
/// </summary>
public sealed class RevokeTasks(WriteUnit unit, TaskAccess access, ICurrentUser currentUser, TaskNotifications notifications)
{
    public async Task<Result> ExecuteAsync(Guid taskId, string reason, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync([taskId], reason, cancellationToken))[0].Error is { } error ? error : Result.Ok();

    public async Task<IReadOnlyList<TaskOutcome>> ExecuteAsync(IReadOnlyList<Guid> taskIds, string reason, CancellationToken cancellationToken = default)
    {
        var why = TaskRules.CleanReason(reason);
        var outcomes = new List<TaskOutcome>();
        foreach (var taskId in taskIds.Distinct())
        {
            outcomes.Add(new TaskOutcome(taskId, why is null ? new PortalError(Errors.ReasonRequired) : (await RevokeOneAsync(taskId, why, cancellationToken)).Error));
        }
        return outcomes;
    }

    private async Task<Result> RevokeOneAsync(Guid taskId, string why, CancellationToken cancellationToken)
    {
        return await access.RunOnVisibleAsync(unit, taskId, async (w, task) =>
        {
            var refusal = task.InitiatorUserId != w.UserId ? new PortalError(Errors.TaskNotInitiator, task.Number)
                : task.Status == SigningTaskStatus.Draft ? new PortalError(Errors.TaskNotSent, task.Number)
                : task.Status == SigningTaskStatus.Completed ? new PortalError(Errors.TaskCompleted, task.Number)
                : task.Status == SigningTaskStatus.Voided ? new PortalError(Errors.TaskVoided, task.Number)
                : null;
            if (refusal is not null)
            {
                return w.Refuse(refusal, AuditActions.TaskRevoke, task.Id.ToString(), $"{task.Number}: {refusal}");
            }
            TaskRules.Void(task, TaskVoidKind.Revoked, why, w.UserId, w.Now);
            w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, w.UserId, task.InitiatorName, currentUser.IpAddress, TaskEventActions.Revoked, why));
            notifications.Ended(w, task, SmsMessages.TaskRevoked(task.Name, task.InitiatorName, why), except: w.UserId);
            w.Audit(AuditActions.TaskRevoke, task.Id.ToString(), $"{task.Number}; reason {why}");
            return Result.Ok();
        }, cancellationToken);
    }
}
