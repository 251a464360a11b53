using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>The registrant enters the code the legal representative received: 已认证 (owner).</summary>
public sealed class ConfirmLegalRepresentativeCode(WriteUnit unit, CertificationSteps steps, SmsCodes codes)
{
    public Task<Result> ExecuteAsync(Guid organizationId, string code, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.InOrganization(organizationId, OrgRoles.Owner),
            async () =>
            {
                // The code store writes through its own context: the code is checked before this command's lock.
                var phone = await unit.ReadAsync(Write.InOrganization(organizationId, OrgRoles.Owner), async r =>
                {
                    var org = await r.Db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
                    return IsAwaitingCode(org) ? Result<string>.Ok(org.LegalRepresentativePhone!)
                        : Result<string>.Fail(Errors.OrganizationNotCertifying);
                }, cancellationToken);
                if (!phone.Succeeded)
                {
                    return phone.Error!;
                }
                var verified = await codes.VerifyAsync(phone.Value!, SmsPurpose.LegalRepresentativeAuthorization, code, cancellationToken);
                return verified.Succeeded ? Result<bool>.Ok(true) : verified.Error!;
            },
            async (w, _) =>
            {
                var org = await w.Db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
                if (!IsAwaitingCode(org))
                {
                    return Result.Fail(Errors.OrganizationNotCertifying);
                }
                if (await steps.CertifyAsync(w.Db, org, cancellationToken) is { } taken)
                {
                    return w.Refuse(taken, AuditActions.OrganizationCertifyLegalSmsConfirm, org.Id.ToString(), taken.Code);
                }
                w.Audit(AuditActions.OrganizationCertifyLegalSmsConfirm, org.Id.ToString());
                return Result.Ok();
            }, cancellationToken);

    private static bool IsAwaitingCode(Organization org) =>
        org.Status == OrganizationStatus.Certifying && org.Channel == CertificationChannel.LegalRepresentativeSms;
}
