using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.RealName;

namespace Portal.Application.Certification;

/// <summary>
/// Sends the legal representative an authorization code (法人短信授权) for the certification (owner). The number must be the
/// legal representative's own: the real-name provider's phone three-factor check (name, ID number, number) runs first, so a
/// registrant cannot name their own phone.
/// </summary>
public sealed class SendLegalRepresentativeCode(WriteUnit unit, SmsCodes codes, IPhoneThreeFactorProvider threeFactor)
{
    public async Task<Result> ExecuteAsync(Guid organizationId, string legalRepresentativePhone, CancellationToken cancellationToken = default)
    {
        if (PhoneNumber.Normalize(legalRepresentativePhone) is not { } phone)
        {
            return Result.Fail(Errors.PhoneInvalid);
        }
        var owner = Write.InOrganization(organizationId, OrgRoles.Owner);
        var started = await unit.RunAsync(owner,
            async () =>
            {
                var identity = await unit.ReadAsync(owner, async r =>
                {
                    var org = await r.Db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, cancellationToken);
                    return await CertificationSteps.CanStartAsync(r.Db, org, CertificationChannel.LegalRepresentativeSms, cancellationToken) is { } refused
                        ? Result<(string, string)>.Fail(refused.Code, refused.Args) : (org.LegalRepresentativeName, org.LegalRepresentativeIdNumber);
                }, cancellationToken);
                if (!identity.Succeeded)
                {
                    return identity.Error!;
                }
                // The operator is asked outside the lock; a mismatch is audited under it.
                var (name, idNumber) = identity.Value;
                var matched = await threeFactor.CheckPhoneAsync(name, idNumber, phone, cancellationToken);
                return Result<(string Name, string IdNumber, bool Matched)>.Ok((name, idNumber, matched.Succeeded));
            },
            async (w, checkedIdentity) =>
            {
                var org = await w.Db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
                if (!checkedIdentity.Matched)
                {
                    return w.Refuse(new PortalError(Errors.LegalRepresentativePhoneMismatch), AuditActions.OrganizationCertifyLegalSmsSend,
                        org.Id.ToString(), $"{Errors.LegalRepresentativePhoneMismatch} {PhoneNumber.Mask(phone)}");
                }
                if (await CertificationSteps.CanStartAsync(w.Db, org, CertificationChannel.LegalRepresentativeSms, cancellationToken) is { } refused)
                {
                    return refused;
                }
                if (org.LegalRepresentativeName != checkedIdentity.Name || org.LegalRepresentativeIdNumber != checkedIdentity.IdNumber)
                {
                    return Result.Fail(Errors.Concurrency);
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
