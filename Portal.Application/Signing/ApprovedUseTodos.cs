using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Todos;

namespace Portal.Application.Signing;

/// <summary>The signer's to-do: an approved use waiting to be confirmed with the PIN (links to the signing page).</summary>
public sealed class ApprovedUseTodos : ITodoSource
{
    public string Kind => "SealUseApproved";

    public async Task<IReadOnlyList<TodoRow>> ListAsync(IPortalDbContext db, Membership me, CancellationToken cancellationToken) =>
        (await ListUseRequests.VisibleAsync(db, me, null, cancellationToken))
            .Where(r => r.ApplicantUserId == me.UserId && r.Status == RequestStatus.Approved && r.UsedAtUtc is null)
            .Select(r => new TodoRow(Kind, r.Id, $"{r.SealName} · {r.DocumentName}", r.DecidedByName, r.DecisionReason ?? r.Reason,
                r.DecidedAtUtc ?? r.CreatedAtUtc,
                SigningTasks.TaskSigning.TaskIdOf(r.TaskDocumentKey) is { } taskId ? $"signing/tasks/{taskId}/sign" : "signing/single?request=" + r.Id))
            .ToList();

    // Signing is confirmed on the signing page with the PIN, never from the to-do list.
    public Task<Result> DecideAsync(Guid id, bool approve, string? reason, CancellationToken cancellationToken) =>
        Task.FromResult(Result.Fail(Errors.Forbidden));
}
