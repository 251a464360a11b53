using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.JoinRequests;

public sealed record OrganizationHit(Guid Id, string Name, string Uscc, OrganizationType Type);

/// <summary>
/// 加入单位 search: certified organizations whose name contains, or whose USCC equals, the query. An unknown
/// or uncertified organization is one refusal ("查询失败，请重新填写"), so the search reveals nothing about drafts.
/// </summary>
public sealed class SearchOrganizations(IPortalDbContextFactory dbFactory, ICurrentUser currentUser)
{
    public async Task<Result<IReadOnlyList<OrganizationHit>>> ExecuteAsync(string query, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<IReadOnlyList<OrganizationHit>>.Fail(Errors.NotSignedIn);
        }
        var q = (query ?? "").Trim();
        if (q.Length < 2)
        {
            return Result<IReadOnlyList<OrganizationHit>>.Fail(Errors.OrganizationSearchFailed);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        var upper = q.ToUpperInvariant();
        var hits = await db.Organizations.AsNoTracking()
            .Where(o => o.Status == OrganizationStatus.Certified && (o.Uscc == upper || o.Name.Contains(q)))
            .OrderBy(o => o.Name).Take(20)
            .Select(o => new OrganizationHit(o.Id, o.Name, o.Uscc, o.Type))
            .ToListAsync(cancellationToken);
        return hits.Count == 0 ? Result<IReadOnlyList<OrganizationHit>>.Fail(Errors.OrganizationSearchFailed) : hits;
    }
}
