using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>A platform admin approves (the seal becomes active) or rejects (reason required; its certificate is revoked) a scanned seal.</summary>
public sealed class ReviewScannedSeal(WriteUnit unit, ISealKeys keys)
{
    public async Task<Result> ExecuteAsync(Guid sealId, bool approve, string? note, CancellationToken cancellationToken = default)
    {
        var orgId = await unit.ReadAsync(Write.AsPlatform(PlatformRoles.PlatformAdmin), async r =>
        {
            if (!approve && string.IsNullOrWhiteSpace(note))
            {
                return Result<Guid>.Fail(Errors.ReasonRequired);
            }
            var found = await r.Db.Seals.IgnoreQueryFilters().Where(s => s.Id == sealId && s.Status == SealStatus.PendingReview)
                .Select(s => (Guid?)s.OrganizationId).FirstOrDefaultAsync(cancellationToken);
            return found is { } id ? id : Result<Guid>.Fail(Errors.NotFound);
        }, cancellationToken);
        if (!orgId.Succeeded)
        {
            return orgId.Error!;
        }
        // The write runs scoped to the seal's own organization.
        return await unit.RunAsync(Write.AsPlatform(PlatformRoles.PlatformAdmin, orgId.Value), async w =>
        {
            var seal = await w.Db.Seals.FirstOrDefaultAsync(s => s.Id == sealId, cancellationToken);
            if (seal is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (seal.Status != SealStatus.PendingReview)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            seal.Status = approve ? SealStatus.Active : SealStatus.Rejected;
            seal.ReviewedByUserId = w.UserId;
            seal.ReviewedAtUtc = w.Now;
            seal.ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            if (!approve)
            {
                foreach (var g in await w.Db.SealGrants.Where(g => g.SealId == seal.Id && g.Status == GrantStatus.Active).ToListAsync(cancellationToken))
                {
                    SealLifecycle.RevokeGrant(g, w.UserId, seal.ReviewNote!, w.Now);
                }
                await keys.RevokeAsync(w.Db, seal, SealCertificateRevocation.Rejected, cancellationToken);
            }
            w.Audit(approve ? AuditActions.SealReviewApprove : AuditActions.SealReviewReject, seal.Id.ToString(), note, organizationId: seal.OrganizationId);
            return Result.Ok();
        }, cancellationToken);
    }
}
