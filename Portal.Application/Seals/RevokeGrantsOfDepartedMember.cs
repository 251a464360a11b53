using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;
using Portal.Application.Grants;

namespace Portal.Application.Seals;

/// <summary>
/// On leaving or removal: the member's own grants are revoked and their pending grant requests withdrawn (department grants
/// stop for them with the membership). A voided seal left without grants loses its certificate.
/// </summary>
public sealed class RevokeGrantsOfDepartedMember(ISealKeys keys, AuditTrail audit, TimeProvider clock)
    : IDomainEventHandler<MemberLeft>, IDomainEventHandler<MemberRemoved>, IConsequenceProvider<MemberLeft>, IConsequenceProvider<MemberRemoved>
{
    public const string LeftReason = "成员退出单位";
    public const string RemovedReason = "成员被移出单位";

    public Task HandleAsync(IPortalDbContext db, MemberLeft e, CancellationToken cancellationToken) =>
        RevokeAsync(db, e, e.UserId, LeftReason, cancellationToken);

    public Task HandleAsync(IPortalDbContext db, MemberRemoved e, CancellationToken cancellationToken) =>
        RevokeAsync(db, e, e.UserId, RemovedReason, cancellationToken);

    public Task<IReadOnlyList<Consequence>> PreviewAsync(IPortalDbContext db, MemberLeft e, CancellationToken cancellationToken) =>
        PreviewAsync(db, e.OrganizationId, e.UserId, cancellationToken);

    public Task<IReadOnlyList<Consequence>> PreviewAsync(IPortalDbContext db, MemberRemoved e, CancellationToken cancellationToken) =>
        PreviewAsync(db, e.OrganizationId, e.UserId, cancellationToken);

    private async Task RevokeAsync(IPortalDbContext db, IDomainEvent e, Guid userId, string reason, CancellationToken ct)
    {
        SealEventScope.Check(db, e);
        var now = clock.GetUtcNow().UtcDateTime;
        var grants = await db.SealGrants.Where(g => g.OrganizationId == e.OrganizationId && g.GranteeUserId == userId && g.Status == GrantStatus.Active)
            .ToListAsync(ct);
        foreach (var g in grants)
        {
            SealLifecycle.RevokeGrant(g, null, reason, now);
        }
        var revokedIds = grants.Select(g => g.Id).ToList();
        foreach (var sealId in grants.Select(g => g.SealId).Distinct())
        {
            var seal = await db.Seals.FirstAsync(s => s.Id == sealId, ct);
            await SealLifecycle.RevokeCertificateIfUnusableAsync(db, keys, seal, revokedIds, now, ct);
        }
        foreach (var r in await db.SealGrantRequests.Include(r => r.Steps)
            .Where(r => r.OrganizationId == e.OrganizationId && r.ApplicantUserId == userId && r.Status == RequestStatus.Pending).ToListAsync(ct))
        {
            GrantRequestFlow.Close(r, RequestStatus.Withdrawn, now);
        }
        if (grants.Count > 0)
        {
            await audit.AppendAsync(db, AuditActions.GrantRevoke, userId.ToString(), AuditOutcome.Success, $"{reason} ({grants.Count})", e.OrganizationId, ct);
        }
    }

    private static async Task<IReadOnlyList<Consequence>> PreviewAsync(IPortalDbContext db, Guid orgId, Guid userId, CancellationToken ct)
    {
        var names = await (from g in db.SealGrants
                           join s in db.Seals on g.SealId equals s.Id
                           where g.OrganizationId == orgId && g.GranteeUserId == userId && g.Status == GrantStatus.Active
                           select s.Name).ToListAsync(ct);
        return names.Count == 0 ? [] : [new Consequence("GrantsRevoked", names.Count, string.Join("、", names.Distinct()))];
    }
}
