using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Todos;

namespace Portal.Application.Signing;

/// <summary>用印审批 to-dos: pending requests for their approvers, with a link to the approval page (preview first).</summary>
public sealed class UseRequestTodos(DecideUseRequest decide) : ITodoSource
{
    public string Kind => "SealUseRequest";

    public async Task<IReadOnlyList<TodoRow>> ListAsync(IPortalDbContext db, Membership me, CancellationToken cancellationToken) =>
        (await ListUseRequests.VisibleAsync(db, me, null, cancellationToken))
            .Where(r => r.MayDecide)
            .Select(r => new TodoRow(Kind, r.Id, $"{r.SealName} · {r.DocumentName}", r.ApplicantName, r.Reason, r.CreatedAtUtc,
                "signing/use-requests/" + r.Id))
            .ToList();

    public Task<Result> DecideAsync(Guid id, bool approve, string? reason, CancellationToken cancellationToken) =>
        decide.ExecuteAsync(id, approve, reason, cancellationToken);
}
