using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Seals;

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
            await audit.AppendAsync(db, AuditActions.SealVoid, seal.Id.ToString(), AuditOutcome.Success, Reason, e.OrganizationId, cancellationToken);
        }
        foreach (var c in await db.LegalRepresentativeSealConsents.Where(c => c.OrganizationId == e.OrganizationId && c.WithdrawnAtUtc == null
            && c.UserId != e.NewUserId).ToListAsync(cancellationToken))
        {
            c.WithdrawnAtUtc = now;
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
