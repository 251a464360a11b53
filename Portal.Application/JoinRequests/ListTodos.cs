using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.JoinRequests;

public enum TodoKind
{
    JoinRequest = 1,
    MemberRemoval = 2,
}

public sealed record TodoRow(TodoKind Kind, Guid Id, string Subject, string? RequestedBy, string Reason, DateTime CreatedAtUtc);

/// <summary>待办任务: the owner's pending join and member-removal requests (later features add theirs).</summary>
public sealed class ListTodos(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<TodoRow>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var joins = await db.JoinRequests.AsNoTracking()
            .Where(r => r.OrganizationId == db.ScopeOrganizationId && r.Status == RequestStatus.Pending)
            .Select(r => new TodoRow(TodoKind.JoinRequest, r.Id, r.ApplicantName, null, r.Reason, r.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        var removals = await db.MemberRemovalRequests.AsNoTracking().Where(r => r.Status == RequestStatus.Pending)
            .Select(r => new TodoRow(TodoKind.MemberRemoval, r.Id, r.MemberName, r.RequestedByName, r.Reason, r.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        return joins.Concat(removals).OrderBy(t => t.CreatedAtUtc).ToList();
    }

    /// <summary>The nav badge: 0 for anyone but the owner.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return 0;
        }
        return await db.JoinRequests.CountAsync(r => r.OrganizationId == db.ScopeOrganizationId && r.Status == RequestStatus.Pending,
                   cancellationToken)
               + await db.MemberRemovalRequests.CountAsync(r => r.Status == RequestStatus.Pending, cancellationToken);
    }
}
