using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningTasks;

public sealed record DraftPositionView(Guid DocumentId, int? Page, double? X, double? Y, string? Keyword);

public sealed record DraftParticipantView(Guid UserId, string Name, ParticipantKind Kind, int Step, ParticipantSignAs SignAs, SealType? DesignatedSealType,
    bool AllowFreePlacement, bool AllowRefusal, IReadOnlyList<DraftPositionView> Positions);

public sealed record DraftPersonView(Guid UserId, string Name);

/// <summary>A draft as its editor needs it: every input of <see cref="SaveTaskDraftCommand"/> and the stamp it was read with.</summary>
public sealed record TaskDraftView(Guid Id, string Number, string Name, Guid? BusinessTypeId, DateOnly Deadline, SigningOrder Order,
    int? ReminderIntervalDays, IReadOnlyList<TaskDocumentView> Documents, IReadOnlyList<DraftParticipantView> Participants,
    IReadOnlyList<DraftPersonView> Cc, Guid ConcurrencyStamp);

/// <summary>
/// 编辑草稿: a draft for its initiator's editor. Anyone else — and anyone once it is sent — gets a refusal (not found, or
/// "not a draft" for the initiator), never its content.
/// </summary>
public sealed class GetTaskDraft(WriteUnit unit, TaskAccess access)
{
    public async Task<Result<TaskDraftView>> ExecuteAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        var scope = await access.ScopeOfAsync(taskId, cancellationToken);
        if (!scope.Succeeded)
        {
            return scope.Error!;
        }
        return await unit.ReadAsync(scope.Value!, async w =>
        {
            var task = await TaskAccess.LoadAsync(w.Db, taskId, cancellationToken);
            if (task is null || task.InitiatorUserId != w.UserId)
            {
                return Result<TaskDraftView>.Fail(Errors.NotFound);
            }
            if (task.Status != SigningTaskStatus.Draft)
            {
                return Result<TaskDraftView>.Fail(Errors.TaskNotDraft, task.Number);
            }
            return new TaskDraftView(task.Id, task.Number, task.Name, task.BusinessTypeId, task.DeadlineDate, task.Order, task.ReminderIntervalDays,
                task.Documents.OrderBy(d => d.Position).Select(d => new TaskDocumentView(d.Id, d.Name, d.Pages, d.CurrentVersion)).ToList(),
                task.Participants.OrderBy(p => p.Position).Select(p => new DraftParticipantView(p.UserId ?? Guid.Empty, p.Name, p.Kind, p.Step, p.SignAs,
                    p.DesignatedSealType, p.AllowFreePlacement, p.AllowRefusal,
                    p.Positions.Select(x => new DraftPositionView(x.DocumentId, x.Page, x.X, x.Y, x.Keyword)).ToList())).ToList(),
                task.CcRecipients.OrderBy(c => c.Name).Select(c => new DraftPersonView(c.UserId, c.Name)).ToList(), task.ConcurrencyStamp);
        }, cancellationToken);
    }
}
