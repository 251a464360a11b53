using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningTasks;

public sealed record TaskDocumentView(Guid Id, string Name, int Pages, int Version);

public sealed record TaskParticipantView(Guid Id, ParticipantKind Kind, string Name, int Step, ParticipantState State, ParticipantSignAs SignAs,
    SealType? DesignatedSealType, bool AllowFreePlacement, bool AllowRefusal, int Round, int Signatures, DateTime? FinishedAtUtc,
    string? RefusalReason);

public sealed record TaskEventView(DateTime AtUtc, string ActorName, string? IpAddress, string Action, AuditOutcome Outcome, string? Detail);

/// <summary>What the caller may do on the task now (the server checks each again).</summary>
public sealed record TaskActions(bool IsInitiator, bool CanSign, bool CanFinish, bool CanRefuse, bool CanRevoke, bool CanRemind, bool CanEdit);

/// <summary>
/// A task's page: its data, documents, participants, CC, trail (轨迹) and the caller's possible actions;
/// <paramref name="OrganizationName"/> is the space it was started in (null: a personal task).
/// </summary>
public sealed record TaskDetail(Guid Id, string Number, string Name, string BusinessTypeName, string InitiatorName, SigningOrder Order,
    SigningTaskStatus Status, TaskVoidKind? VoidKind, string? VoidReason, DateOnly DeadlineDate, string TimeZoneId, int? ReminderIntervalDays,
    DateTime CreatedAtUtc, DateTime? SentAtUtc, DateTime? CompletedAtUtc, DateTime? VoidedAtUtc, IReadOnlyList<TaskDocumentView> Documents,
    IReadOnlyList<TaskParticipantView> Participants, IReadOnlyList<string> CcNames, IReadOnlyList<TaskEventView> Trail, TaskActions Actions,
    string? OrganizationName = null);

/// <summary>One task as its initiator, the organization's owner, a participant whose turn came, or a CC recipient sees it.</summary>
public sealed class GetTask(WriteUnit unit, TaskAccess access)
{
    public async Task<Result<TaskDetail>> ExecuteAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        return await access.ReadVisibleAsync<TaskDetail>(unit, taskId, async (w, task) =>
        {
            var me = w.UserId!.Value;
            var trail = await w.Db.TaskEvents.AsNoTracking().Where(e => e.TaskId == taskId).OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
                .Select(e => new TaskEventView(e.AtUtc, e.ActorName, e.IpAddress, e.Action, e.Outcome, e.Detail)).ToListAsync(cancellationToken);
            var organizationName = task.OrganizationId is { } org
                ? await w.Db.Organizations.AsNoTracking().Where(o => o.Id == org).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken)
                : null;
            var turn = TaskRules.ActiveParticipant(task, me, w.Now);
            var initiator = task.InitiatorUserId == me;
            var actions = new TaskActions(initiator, turn.Succeeded, turn.Succeeded && turn.Value!.Signatures > 0,
                turn.Succeeded && turn.Value!.AllowRefusal, initiator && task.Status == SigningTaskStatus.InProgress,
                TaskRules.CheckMayRemind(task, me, w.Now) is null && task.Participants.Any(p => TaskRules.MayBeReminded(p, w.Now) && p.UserId != me),
                initiator && task.Status == SigningTaskStatus.Draft);
            return new TaskDetail(task.Id, task.Number, task.Name, task.BusinessTypeName, task.InitiatorName, task.Order, task.Status, task.VoidKind,
                task.VoidReason, task.DeadlineDate, task.TimeZoneId, task.ReminderIntervalDays, task.CreatedAtUtc, task.SentAtUtc, task.CompletedAtUtc,
                task.VoidedAtUtc,
                task.Documents.OrderBy(d => d.Position).Select(d => new TaskDocumentView(d.Id, d.Name, d.Pages, d.CurrentVersion)).ToList(),
                task.Participants.OrderBy(p => p.Step).ThenBy(p => p.Position).Select(p => new TaskParticipantView(p.Id, p.Kind, p.Name, p.Step, p.State,
                    p.SignAs, p.DesignatedSealType, p.AllowFreePlacement, p.AllowRefusal, p.Round, p.Signatures, p.FinishedAtUtc, p.RefusalReason)).ToList(),
                task.CcRecipients.Select(c => c.Name).ToList(), trail, actions, organizationName);
        }, cancellationToken);
    }
}
