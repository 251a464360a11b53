using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.JoinRequests;

public sealed record MyJoinRequestRow(Guid Id, Guid OrganizationId, string OrganizationName, string Reason, RequestStatus Status,
    string? DecisionReason, DateTime CreatedAtUtc);

/// <summary>The caller's join requests, for 我的单位 (withdraw, re-apply).</summary>
public sealed class ListMyJoinRequests(IPortalDbContextFactory dbFactory, ICurrentUser currentUser)
{
    public async Task<IReadOnlyList<MyJoinRequestRow>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return [];
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        return await db.JoinRequests.AsNoTracking().Where(r => r.ApplicantUserId == userId)
            .Join(db.Organizations, r => r.OrganizationId, o => o.Id, (r, o) => new { r, o.Name })
            .OrderByDescending(x => x.r.CreatedAtUtc)
            .Select(x => new MyJoinRequestRow(x.r.Id, x.r.OrganizationId, x.Name, x.r.Reason, x.r.Status, x.r.DecisionReason, x.r.CreatedAtUtc))
            .ToListAsync(cancellationToken);
    }
}
