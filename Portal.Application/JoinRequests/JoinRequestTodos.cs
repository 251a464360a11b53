using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Todos;

namespace Portal.Application.JoinRequests;

/// <summary>The owner's pending join requests.</summary>
public sealed class JoinRequestTodos(DecideJoinRequest decide) : ITodoSource
{
    public string Kind => "JoinRequest";

    public async Task<IReadOnlyList<TodoRow>> ListAsync(IPortalDbContext db, Membership me, CancellationToken cancellationToken) =>
        !me.Roles.HasFlag(OrgRoles.Owner) ? []
        : await db.JoinRequests.AsNoTracking()
            .Where(r => r.OrganizationId == db.ScopeOrganizationId && r.Status == RequestStatus.Pending)
            .Select(r => new TodoRow(Kind, r.Id, r.ApplicantName, null, r.Reason, r.CreatedAtUtc, null))
            .ToListAsync(cancellationToken);

    public Task<Result> DecideAsync(Guid id, bool approve, string? reason, CancellationToken cancellationToken) =>
        decide.ExecuteAsync(id, approve, reason, cancellationToken: cancellationToken);
}
