using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Todos;

namespace Portal.Application.Grants;

/// <summary>Grant-request steps waiting for me, on the to-do list (decided on the authorization center's requests page or inline).</summary>
public sealed class GrantRequestTodos(DecideGrantRequest decide) : ITodoSource
{
    public string Kind => "GrantRequest";

    public async Task<IReadOnlyList<TodoRow>> ListAsync(IPortalDbContext db, Membership me, CancellationToken cancellationToken) =>
        [.. (await ListGrantRequests.Query(db, me, mine: false, cancellationToken))
            .Select(r => new TodoRow(Kind, r.Id, r.SealName, r.ApplicantName, r.Reason, r.CreatedAtUtc, "/authorization/requests"))];

    public Task<Result> DecideAsync(Guid id, bool approve, string? reason, CancellationToken cancellationToken) =>
        decide.ExecuteAsync(id, approve, reason, cancellationToken);
}
