using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Signing;

/// <summary>A use request as lists show it.</summary>
public sealed record UseRequestRow(Guid Id, Guid SealId, string SealName, Guid ApplicantUserId, string ApplicantName, string DocumentName,
    string DocumentSha256, string Reason, RequestStatus Status, DateTime CreatedAtUtc, string? DecidedByName, DateTime? DecidedAtUtc,
    string? DecisionReason, DateTime? UsedAtUtc, bool MayDecide, string? TaskDocumentKey = null);

/// <summary>
/// 用印申请: the caller's own requests, and those they may decide (policy use-approver roles). Details only to the applicant
/// and the approvers.
/// </summary>
public sealed class ListUseRequests(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<UseRequestRow>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        return (await VisibleAsync(db, me.Value!, null, cancellationToken)).ToList();
    }

    /// <summary>Requests the member applied for or may decide (in the context's organization).</summary>
    internal static async Task<IReadOnlyList<UseRequestRow>> VisibleAsync(IPortalDbContext db, Membership me, Guid? id, CancellationToken cancellationToken)
    {
        var query = db.SealUseRequests.AsNoTracking().Where(r => r.OrganizationId == db.ScopeOrganizationId);
        if (id is { } only)
        {
            query = query.Where(r => r.Id == only);
        }
        var requests = await query.OrderByDescending(r => r.CreatedAtUtc).Take(500).ToListAsync(cancellationToken);
        var sealIds = requests.Select(r => r.SealId).Distinct().ToList();
        var seals = await db.Seals.AsNoTracking().Where(s => sealIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var approverOf = new Dictionary<Guid, bool>();
        foreach (var seal in seals)
        {
            var rule = await SealPolicies.EffectiveRuleAsync(db, seal, cancellationToken);
            approverOf[seal.Id] = EffectiveSealRule.Allows(rule.UseApproverRoles, me);
        }
        return requests
            .Select(r => new { r, mayDecide = r.ApplicantUserId != me.UserId && approverOf.GetValueOrDefault(r.SealId) })
            .Where(x => x.r.ApplicantUserId == me.UserId || x.mayDecide)
            .Select(x => new UseRequestRow(x.r.Id, x.r.SealId, x.r.SealName, x.r.ApplicantUserId, x.r.ApplicantName, x.r.DocumentName,
                x.r.DocumentSha256, x.r.Reason, x.r.Status, x.r.CreatedAtUtc, x.r.DecidedByName, x.r.DecidedAtUtc, x.r.DecisionReason,
                x.r.UsedAtUtc, x.mayDecide && x.r.Status == RequestStatus.Pending, x.r.TaskDocumentKey))
            .ToList();
    }
}
