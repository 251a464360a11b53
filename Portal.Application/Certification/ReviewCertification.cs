using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>
/// Manual certification review by a platform admin (人工审核): certify or reject with a reason. Approving a takeover (the USCC is
/// certified for another organization) de-certifies that organization in the same unit: its seals are voided (grants and
/// certificates revoked), each step audited — there are never two certified organizations with one USCC.
/// </summary>
public sealed class ReviewCertification(WriteUnit unit, CertificationSteps steps, Seals.ISealKeys keys)
{
    public const string TakeoverReason = "统一社会信用代码经平台审核归属另一单位";

    public Task<Result> ExecuteAsync(Guid organizationId, bool approve, string? reason, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsPlatform(PlatformRoles.PlatformAdmin, organizationId), async w =>
        {
            // Checked after the platform role, as before.
            if (!approve && string.IsNullOrWhiteSpace(reason))
            {
                return Result.Fail(Errors.ReasonRequired);
            }
            var org = await w.Db.Organizations.FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
            Guid? takenFrom = null;
            if (org is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (!org.AwaitingPlatformReview || org.Status != OrganizationStatus.Certifying)
            {
                return Result.Fail(Errors.NotAwaitingReview);
            }
            if (approve)
            {
                // The manual review may certify a USCC another organization holds (a takeover with proof): the admin saw it in the queue.
                takenFrom = (await CertificationSteps.CertifiedHolderOfUsccAsync(w.Db, org, cancellationToken))?.Id;
                if (await steps.CertifyAsync(w.Db, org, cancellationToken) is { } refused)
                {
                    return refused;
                }
                if (takenFrom is { } loser)
                {
                    await DecertifyAsync(w, loser, cancellationToken);
                }
            }
            else
            {
                org.Status = OrganizationStatus.Rejected;
                org.AwaitingPlatformReview = false;
                org.ReviewNote = reason!.Trim();
            }
            w.Audit(approve ? AuditActions.OrganizationCertify : AuditActions.OrganizationReject, org.Id.ToString(),
                takenFrom is { } previous ? $"takeover of {previous}: {reason}" : reason, organizationId: org.Id);
            return Result.Ok();
        }, cancellationToken);

    /// <summary>The organization that held the USCC: no longer certified, every live seal voided (it bears an identity not its own).</summary>
    private async Task DecertifyAsync(WriteContext w, Guid loserId, CancellationToken cancellationToken)
    {
        var loser = await w.Db.Organizations.IgnoreQueryFilters().FirstAsync(o => o.Id == loserId, cancellationToken);
        loser.Status = OrganizationStatus.Rejected;
        loser.AwaitingPlatformReview = false;
        loser.ReviewNote = TakeoverReason;
        var seals = await w.Db.Seals.IgnoreQueryFilters()
            .Where(s => s.OrganizationId == loserId && (s.Status == SealStatus.Active || s.Status == SealStatus.PendingReview))
            .ToListAsync(cancellationToken);
        foreach (var seal in seals)
        {
            seal.Status = SealStatus.Voided;
            seal.VoidedAtUtc = w.Now;
            seal.VoidedByUserId = w.UserId;
            seal.VoidReason = TakeoverReason;
            var grants = await w.Db.SealGrants.IgnoreQueryFilters().Where(g => g.SealId == seal.Id && g.Status == GrantStatus.Active)
                .ToListAsync(cancellationToken);
            foreach (var grant in grants)
            {
                Seals.SealLifecycle.RevokeGrant(grant, w.UserId, TakeoverReason, w.Now);
            }
            await keys.RevokeAsync(w.Db, seal, Seals.SealCertificateRevocation.IdentityChanged, cancellationToken);
            w.Db.SealVoidRecords.Add(new SealVoidRecord
            {
                Id = Guid.NewGuid(),
                OrganizationId = loserId,
                SealId = seal.Id,
                SealName = seal.Name,
                SealType = seal.Type,
                Cause = SealVoidCause.OrganizationIdentityChanged,
                Reason = TakeoverReason,
                VoidedByUserId = w.UserId,
                VoidedByName = "",
                VoidedAtUtc = w.Now,
                GrantsRevoked = grants.Count,
                CertificateRevoked = true,
            });
            w.Audit(AuditActions.SealVoid, seal.Id.ToString(), TakeoverReason, organizationId: loserId);
        }
        w.Audit(AuditActions.OrganizationDecertify, loserId.ToString(), TakeoverReason, organizationId: loserId);
    }
}
