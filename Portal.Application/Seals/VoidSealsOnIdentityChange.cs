using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Seals;

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
            await audit.AppendAsync(db, AuditActions.SealVoid, seal.Id.ToString(), AuditOutcome.Success, Reason, e.OrganizationId, cancellationToken);
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
