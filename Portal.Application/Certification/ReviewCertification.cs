using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>Manual certification review by a platform admin (人工审核): certify or reject with a reason.</summary>
public sealed class ReviewCertification(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, CertificationSteps steps)
{
    public async Task<Result> ExecuteAsync(Guid organizationId, bool approve, string? reason, CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed;
        }
        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            return Result.Fail(Errors.ReasonRequired);
        }
        await using var db = dbFactory.CreateForScope(organizationId, null);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
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
            await steps.CertifyAsync(db, org, cancellationToken);
        }
        else
        {
            org.Status = OrganizationStatus.Rejected;
            org.AwaitingPlatformReview = false;
            org.ReviewNote = reason!.Trim();
            org.ConcurrencyStamp = Guid.NewGuid();
        }
        await audit.AppendAsync(db, approve ? "organization.certify" : "organization.reject", org.Id.ToString(),
            AuditOutcome.Success, reason, org.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
