using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>A platform admin approves (the seal becomes active) or rejects (reason required; its certificate is revoked) a scanned seal.</summary>
public sealed class ReviewScannedSeal(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, ISealKeys keys, ICurrentUser currentUser,
    TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid sealId, bool approve, string? note, CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed;
        }
        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            return Result.Fail(Errors.ReasonRequired);
        }
        var orgId = await FindOrganizationAsync(sealId, cancellationToken);
        if (orgId is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        // The write runs scoped to the seal's own organization.
        await using var db = dbFactory.CreateForScope(orgId, currentUser.UserId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var seal = await db.Seals.FirstOrDefaultAsync(s => s.Id == sealId, cancellationToken);
        if (seal is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        if (seal.Status != SealStatus.PendingReview)
        {
            return Result.Fail(Errors.RequestNotPending);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        seal.Status = approve ? SealStatus.Active : SealStatus.Rejected;
        seal.ReviewedByUserId = currentUser.UserId;
        seal.ReviewedAtUtc = now;
        seal.ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        seal.ConcurrencyStamp = Guid.NewGuid();
        if (!approve)
        {
            foreach (var g in await db.SealGrants.Where(g => g.SealId == seal.Id && g.Status == GrantStatus.Active).ToListAsync(cancellationToken))
            {
                SealLifecycle.RevokeGrant(g, currentUser.UserId, seal.ReviewNote!, now);
            }
            await keys.RevokeAsync(db, seal, SealCertificateRevocation.Rejected, cancellationToken);
        }
        await audit.AppendAsync(db, approve ? "seal.review.approve" : "seal.review.reject", seal.Id.ToString(), AuditOutcome.Success, note,
            seal.OrganizationId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }

    private async Task<Guid?> FindOrganizationAsync(Guid sealId, CancellationToken ct)
    {
        await using var db = dbFactory.CreateForScope(null, currentUser.UserId);
        return await db.Seals.IgnoreQueryFilters().Where(s => s.Id == sealId && s.Status == SealStatus.PendingReview)
            .Select(s => (Guid?)s.OrganizationId).FirstOrDefaultAsync(ct);
    }
}
