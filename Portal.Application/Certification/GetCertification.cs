using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

public sealed record CertificationView(Guid OrganizationId, string Name, string Uscc, OrganizationType Type, string Address,
    string LegalRepresentativeName, bool RegistrantIsLegalRepresentative, bool IsMainland, CertificateCustody Custody,
    OrganizationStatus Status, CertificationChannel Channel, bool AwaitingPlatformReview, string? ReviewNote,
    bool HasAuthorizationLetter, bool HasBusinessLicense, MicroDepositView? Deposit);

public sealed record MicroDepositView(string BankName, string AccountTail, MicroDepositStatus Status, int AttemptsRemaining, DateTime ExpiresAtUtc);

/// <summary>The certification state of an organization the caller owns (the 单位详情 of an uncertified organization).</summary>
public sealed class GetCertification(WriteUnit unit)
{
    public Task<Result<CertificationView>> ExecuteAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        unit.ReadAsync<CertificationView>(Write.InOrganization(organizationId, OrgRoles.Owner), async read =>
        {
            var o = await read.Db.Organizations.AsNoTracking().FirstAsync(x => x.Id == organizationId, cancellationToken);
            var d = await read.Db.MicroDeposits.AsNoTracking().OrderByDescending(x => x.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
            var deposit = d is null ? null : new MicroDepositView(d.BankName, d.BankAccount.Length > 4 ? d.BankAccount[^4..] : d.BankAccount,
                d.Status == MicroDepositStatus.Paid && read.Now >= d.ExpiresAtUtc ? MicroDepositStatus.Expired : d.Status,
                MicroDepositRules.MaxAttempts - d.Attempts, d.ExpiresAtUtc);
            return new CertificationView(o.Id, o.Name, o.Uscc, o.Type, o.Address, o.LegalRepresentativeName,
                o.LegalRepresentativeUserId == read.Db.ScopeUserId, o.IsMainland, o.Custody, o.Status, o.Channel, o.AwaitingPlatformReview,
                o.ReviewNote, o.AuthorizationLetterFile is not null, o.BusinessLicenseFile is not null, deposit);
        }, cancellationToken);
}
