using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>对公打款: the platform pays 0.01–2.00 yuan into the corporate account (owner; at most 2 per account and company per 24 h).</summary>
public sealed class RequestMicroDeposit(WriteUnit unit, IMicroDepositBank bank)
{
    public Task<Result> ExecuteAsync(Guid organizationId, string bankName, string bankAccount, CancellationToken cancellationToken = default)
    {
        var account = new string((bankAccount ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (string.IsNullOrWhiteSpace(bankName) || account.Length is < 6 or > 40 || !account.All(char.IsAsciiDigit))
        {
            return Task.FromResult(Result.Fail(Errors.BankAccountInvalid));
        }
        return unit.RunAsync(Write.InOrganization(organizationId, OrgRoles.Owner), async w =>
        {
            var org = await w.Db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
            if (CertificationSteps.CanStart(org, CertificationChannel.MicroDeposit) is { } refused)
            {
                return refused;
            }
            var userId = w.UserId!.Value;
            var since = w.Now - MicroDepositRules.Window;
            // The per-account count crosses organizations on purpose: the limit is the registrant's.
            var byAccount = await w.Db.MicroDeposits.IgnoreQueryFilters()
                .CountAsync(d => d.RequestedByUserId == userId && d.CreatedAtUtc > since, cancellationToken);
            var byCompany = await w.Db.MicroDeposits.IgnoreQueryFilters()
                .Join(w.Db.Organizations, d => d.OrganizationId, o => o.Id, (d, o) => new { d.CreatedAtUtc, o.Uscc })
                .CountAsync(x => x.Uscc == org.Uscc && x.CreatedAtUtc > since, cancellationToken);
            if (MicroDepositRules.CanApply(byAccount, byCompany) is { } limited)
            {
                return limited;
            }
            // A newer deposit replaces any unfinished one.
            foreach (var old in await w.Db.MicroDeposits.Where(d => d.Status == MicroDepositStatus.Paid).ToListAsync(cancellationToken))
            {
                old.Status = MicroDepositStatus.Expired;
            }
            var amount = RandomNumberGenerator.GetInt32((int)MicroDepositRules.MinFen, (int)MicroDepositRules.MaxFen + 1);
            var deposit = MicroDepositRules.NewDeposit(org.Id, userId, bankName.Trim(), account, amount, w.Now);
            w.Db.MicroDeposits.Add(deposit);
            CertificationSteps.Start(org, CertificationChannel.MicroDeposit);
            var phone = await w.Db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstAsync(cancellationToken);
            w.Audit(AuditActions.OrganizationCertifyMicroDepositRequest, org.Id.ToString(), "****" + account[^4..]);
            // Paid after commit: the development bank writes the outbox through its own context.
            w.AfterCommit(() => bank.PayAsync(new MicroDepositPayment(deposit.BankName, account, amount, phone!), cancellationToken));
            return Result.Ok();
        }, cancellationToken);
    }
}
