using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>Manual certification review by a platform admin (人工审核): certify or reject with a reason.</summary>
public sealed class ReviewCertification(WriteUnit unit, CertificationSteps steps)
{
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
}
