using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>Sends the legal representative an authorization code (法人短信授权) for the certification (owner).</summary>
public sealed class SendLegalRepresentativeCode(WriteUnit unit, SmsCodes codes)
{
    public async Task<Result> ExecuteAsync(Guid organizationId, string legalRepresentativePhone, CancellationToken cancellationToken = default)
    {
        if (PhoneNumber.Normalize(legalRepresentativePhone) is not { } phone)
        {
            return Result.Fail(Errors.PhoneInvalid);
        }
        var started = await unit.RunAsync(Write.InOrganization(organizationId, OrgRoles.Owner), async w =>
        {
            var org = await w.Db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
            if (CertificationSteps.CanStart(org, CertificationChannel.LegalRepresentativeSms) is { } refused)
            {
                return refused;
            }
            CertificationSteps.Start(org, CertificationChannel.LegalRepresentativeSms);
            org.LegalRepresentativePhone = phone;
            w.Audit(AuditActions.OrganizationCertifyLegalSmsSend, org.Id.ToString(), PhoneNumber.Mask(phone));
            return Result.Ok();
        }, cancellationToken);
        // The code store writes through its own context, after this command's lock is released; its refusal is the answer.
        return started.Succeeded ? await codes.SendAsync(phone, SmsPurpose.LegalRepresentativeAuthorization, cancellationToken) : started;
    }
}
