using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>撤销: stops a running certification (owner); refused while the platform admins review it.</summary>
public sealed class WithdrawCertification(CertificationSteps steps)
{
    public Task<Result> ExecuteAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        steps.ChangeOwnedAsync(organizationId, AuditActions.OrganizationCertifyWithdraw, org =>
        {
            if (org.AwaitingPlatformReview)
            {
                return new PortalError(Errors.WithdrawRefusedUnderReview);
            }
            if (org.Status is not (OrganizationStatus.Draft or OrganizationStatus.Certifying))
            {
                return new PortalError(Errors.OrganizationNotCertifying);
            }
            org.Status = OrganizationStatus.Withdrawn;
            return null;
        }, cancellationToken);
}
