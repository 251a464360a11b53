using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Todos;

namespace Portal.Application.SigningTasks;

/// <summary>The participant's to-do: a task whose turn is theirs (links to the task's sign page).</summary>
public sealed class SigningTaskTodos : ITodoSource
{
    public const int MaxRows = 50;

    public string Kind => "SigningTask";

    public async Task<IReadOnlyList<TodoRow>> ListAsync(IPortalDbContext db, Membership me, CancellationToken cancellationToken) =>
        (await db.TaskParticipants.AsNoTracking()
            .Where(p => p.UserId == me.UserId && p.State == ParticipantState.Active)
            .Join(db.SigningTasks.Where(t => t.Status == SigningTaskStatus.InProgress), p => p.TaskId, t => t.Id, (p, t) => t)
            .OrderByDescending(t => t.SentAtUtc).Take(MaxRows)
            .Select(t => new { t.Id, t.Number, t.Name, t.InitiatorName, t.DeadlineDate, t.SentAtUtc })
            .ToListAsync(cancellationToken))
        .Select(t => new TodoRow(Kind, t.Id, $"{t.Number} · {t.Name}", t.InitiatorName,
            t.DeadlineDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), t.SentAtUtc ?? default, $"signing/tasks/{t.Id}/sign"))
        .ToList();

    // Signing happens on the task page with the willingness check, never from the to-do list.
    public Task<Result> DecideAsync(Guid id, bool approve, string? reason, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Fail(Errors.Forbidden));
}
