using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>继续: a withdrawn or rejected certification goes back to draft, its data kept (owner).</summary>
public sealed class ContinueCertification(CertificationSteps steps)
{
    public Task<Result> ExecuteAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        steps.ChangeOwnedAsync(organizationId, AuditActions.OrganizationCertifyContinue, org =>
        {
            if (org.Status is not (OrganizationStatus.Withdrawn or OrganizationStatus.Rejected))
            {
                return new PortalError(Errors.CannotContinue);
            }
            org.Status = OrganizationStatus.Draft;
            org.Channel = CertificationChannel.None;
            return null;
        }, cancellationToken);
}
