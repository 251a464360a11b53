using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>人工审核: puts the organization in the platform admins' queue (owner; the only channel for non-mainland organizations).</summary>
public sealed class SubmitForManualReview(CertificationSteps steps)
{
    public Task<Result> ExecuteAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        steps.ChangeOwnedAsync(organizationId, AuditActions.OrganizationCertifyManualSubmit, org =>
        {
            if (CertificationSteps.CanStart(org, CertificationChannel.ManualReview) is { } refused)
            {
                return refused;
            }
            CertificationSteps.Start(org, CertificationChannel.ManualReview);
            org.AwaitingPlatformReview = true;
            return null;
        }, cancellationToken);
}
