using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>Sends the legal representative an authorization code (法人短信授权) for the certification (owner).</summary>
public sealed class SendLegalRepresentativeCode(CertificationSteps steps, SmsCodes codes, AuditTrail audit)
{
    public async Task<Result> ExecuteAsync(Guid organizationId, string legalRepresentativePhone, CancellationToken cancellationToken = default)
    {
        if (PhoneNumber.Normalize(legalRepresentativePhone) is not { } phone)
        {
            return Result.Fail(Errors.PhoneInvalid);
        }
        await using (var db = steps.Open(organizationId))
        {
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            var owned = await steps.OwnedAsync(db, cancellationToken);
            if (!owned.Succeeded)
            {
                return owned.Error!;
            }
            var org = owned.Value!;
            if (CertificationSteps.CanStart(org, CertificationChannel.LegalRepresentativeSms) is { } refused)
            {
                return refused;
            }
            CertificationSteps.Start(org, CertificationChannel.LegalRepresentativeSms);
            org.LegalRepresentativePhone = phone;
            await audit.AppendAsync(db, "organization.certify.legal-sms.send", org.Id.ToString(), AuditOutcome.Success,
                PhoneNumber.Mask(phone), cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        // The code store writes through its own context, after this command's lock is released.
        return await codes.SendAsync(phone, SmsPurpose.LegalRepresentativeAuthorization, cancellationToken);
    }
}
