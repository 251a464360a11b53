using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;
using Portal.Application.Grants;
using Portal.Application.Policies;

namespace Portal.Application.Seals;

/// <summary>On 已认证: the seal policy with its defaults, and the default seals (公章, 合同专用章, 法定代表人章 with consent).</summary>
public sealed class CreateDefaultSeals(ISealKeys keys, AuditTrail audit, TimeProvider clock, ILogger<CreateDefaultSeals> logger)
    : IDomainEventHandler<OrganizationCertified>
{
    public async Task HandleAsync(IPortalDbContext db, OrganizationCertified e, CancellationToken cancellationToken)
    {
        SealEventScope.Check(db, e);
        var now = clock.GetUtcNow().UtcDateTime;
        await SealPolicies.EnsureAsync(db, e.OrganizationId, now, cancellationToken);
        if (!keys.IsAvailable)
        {
            // Certification must not fail for want of a pool; the admins make the seals once signing is configured.
            logger.LogWarning("No HSM pool: organization {Org} certified without default seals", e.OrganizationId);
            return;
        }
        var org = await db.Organizations.FirstAsync(o => o.Id == e.OrganizationId, cancellationToken);
        await DefaultSeals.MakeAsync(db, keys, org, now, cancellationToken);
        await audit.AppendAsync(db, "seal.defaults", org.Id.ToString(), AuditOutcome.Success, organizationId: org.Id, cancellationToken: cancellationToken);
    }
}

/// <summary>On a legal-representative change: the 法定代表人章 is voided and the old representative's consent ends.</summary>
public sealed class VoidLegalRepresentativeSeal(ISealKeys keys, AuditTrail audit, TimeProvider clock)
    : IDomainEventHandler<LegalRepresentativeChanged>, IConsequenceProvider<LegalRepresentativeChanged>
{
    public const string Reason = "法定代表人变更";

    public async Task HandleAsync(IPortalDbContext db, LegalRepresentativeChanged e, CancellationToken cancellationToken)
    {
        SealEventScope.Check(db, e);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var seal in await Affected(db, e).ToListAsync(cancellationToken))
        {
            await SealLifecycle.VoidAsync(db, keys, seal, SealVoidCause.LegalRepresentativeChanged, Reason, null, "", now, cancellationToken);
            await audit.AppendAsync(db, "seal.void", seal.Id.ToString(), AuditOutcome.Success, Reason, e.OrganizationId, cancellationToken);
        }
        foreach (var c in await db.LegalRepresentativeSealConsents.Where(c => c.OrganizationId == e.OrganizationId && c.WithdrawnAtUtc == null
            && c.UserId != e.NewUserId).ToListAsync(cancellationToken))
        {
            c.WithdrawnAtUtc = now;
            c.ConcurrencyStamp = Guid.NewGuid();
        }
    }

    public async Task<IReadOnlyList<Consequence>> PreviewAsync(IPortalDbContext db, LegalRepresentativeChanged e, CancellationToken cancellationToken)
    {
        var names = await Affected(db, e).Select(s => s.Name).ToListAsync(cancellationToken);
        return names.Count == 0 ? [] : [new Consequence("SealsVoided", names.Count, string.Join("、", names))];
    }

    private static IQueryable<Seal> Affected(IPortalDbContext db, LegalRepresentativeChanged e) =>
        db.Seals.Where(s => s.OrganizationId == e.OrganizationId && s.Type == SealType.LegalRepresentative
            && (s.Status == SealStatus.Active || s.Status == SealStatus.PendingReview));
}

/// <summary>On a name or USCC change: every seal bears the old identity and is voided (what grants do then is the policy's).</summary>
public sealed class VoidSealsOnIdentityChange(ISealKeys keys, AuditTrail audit, TimeProvider clock)
    : IDomainEventHandler<OrganizationIdentityChanged>, IConsequenceProvider<OrganizationIdentityChanged>
{
    public const string Reason = "单位名称或统一社会信用代码变更";

    public async Task HandleAsync(IPortalDbContext db, OrganizationIdentityChanged e, CancellationToken cancellationToken)
    {
        SealEventScope.Check(db, e);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var seal in await Affected(db, e).ToListAsync(cancellationToken))
        {
            await SealLifecycle.VoidAsync(db, keys, seal, SealVoidCause.OrganizationIdentityChanged, Reason, null, "", now, cancellationToken);
            await audit.AppendAsync(db, "seal.void", seal.Id.ToString(), AuditOutcome.Success, Reason, e.OrganizationId, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<Consequence>> PreviewAsync(IPortalDbContext db, OrganizationIdentityChanged e, CancellationToken cancellationToken)
    {
        var names = await Affected(db, e).Select(s => s.Name).ToListAsync(cancellationToken);
        return names.Count == 0 ? [] : [new Consequence("SealsVoided", names.Count, string.Join("、", names))];
    }

    private static IQueryable<Seal> Affected(IPortalDbContext db, OrganizationIdentityChanged e) =>
        db.Seals.Where(s => s.OrganizationId == e.OrganizationId && s.Type != SealType.Name
            && (s.Status == SealStatus.Active || s.Status == SealStatus.PendingReview));
}

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
            await audit.AppendAsync(db, "grant.revoke", userId.ToString(), AuditOutcome.Success, $"{reason} ({grants.Count})", e.OrganizationId, ct);
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

internal static class SealEventScope
{
    /// <summary>Handlers write through the raising command's context; it must be scoped to the event's organization.</summary>
    public static void Check(IPortalDbContext db, IDomainEvent e)
    {
        if (db.ScopeOrganizationId != e.OrganizationId)
        {
            throw new InvalidOperationException("Seal event handlers run in a context scoped to the event's organization.");
        }
    }
}
