using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;
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
        await audit.AppendAsync(db, AuditActions.SealDefaults, org.Id.ToString(), AuditOutcome.Success, organizationId: org.Id, cancellationToken: cancellationToken);
    }
}
