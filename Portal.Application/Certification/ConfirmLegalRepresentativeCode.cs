using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>The registrant enters the code the legal representative received: 已认证 (owner).</summary>
public sealed class ConfirmLegalRepresentativeCode(CertificationSteps steps, SmsCodes codes, AuditTrail audit)
{
    public async Task<Result> ExecuteAsync(Guid organizationId, string code, CancellationToken cancellationToken = default)
    {
        string? phone;
        await using (var probe = steps.Open(organizationId))
        {
            var owned = await steps.OwnedAsync(probe, cancellationToken);
            if (!owned.Succeeded)
            {
                return owned.Error!;
            }
            if (owned.Value!.Status != OrganizationStatus.Certifying || owned.Value.Channel != CertificationChannel.LegalRepresentativeSms)
            {
                return Result.Fail(Errors.OrganizationNotCertifying);
            }
            phone = owned.Value.LegalRepresentativePhone;
        }
        var verified = await codes.VerifyAsync(phone!, SmsPurpose.LegalRepresentativeAuthorization, code, cancellationToken);
        if (!verified.Succeeded)
        {
            return verified;
        }
        await using var db = steps.Open(organizationId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var org = await db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
        if (org.Status != OrganizationStatus.Certifying || org.Channel != CertificationChannel.LegalRepresentativeSms)
        {
            return Result.Fail(Errors.OrganizationNotCertifying);
        }
        await steps.CertifyAsync(db, org, cancellationToken);
        await audit.AppendAsync(db, "organization.certify.legal-sms.confirm", org.Id.ToString(), AuditOutcome.Success,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
