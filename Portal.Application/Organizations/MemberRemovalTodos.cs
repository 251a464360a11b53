using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Todos;

namespace Portal.Application.Organizations;

/// <summary>The owner's pending member-removal requests (a non-owner asked to remove someone).</summary>
public sealed class MemberRemovalTodos(DecideMemberRemoval decide) : ITodoSource
{
    public string Kind => "MemberRemoval";

    public async Task<IReadOnlyList<TodoRow>> ListAsync(IPortalDbContext db, Membership me, CancellationToken cancellationToken) =>
        !me.Roles.HasFlag(OrgRoles.Owner) ? []
        : await db.MemberRemovalRequests.AsNoTracking().Where(r => r.Status == RequestStatus.Pending)
            .Select(r => new TodoRow(Kind, r.Id, r.MemberName, r.RequestedByName, r.Reason, r.CreatedAtUtc, null))
            .ToListAsync(cancellationToken);

    public Task<Result> DecideAsync(Guid id, bool approve, string? reason, CancellationToken cancellationToken) =>
        decide.ExecuteAsync(id, approve, reason, cancellationToken);
}
