using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>
/// 对公打款: the platform pays 0.01–2.00 yuan into the corporate account (owner; at most 2 per account and company per 24 h).
/// The account must be held in the organization's name: the bank checks the holder before anything is recorded.
/// </summary>
public sealed class RequestMicroDeposit(WriteUnit unit, IMicroDepositBank bank)
{
    public Task<Result> ExecuteAsync(Guid organizationId, string bankName, string bankAccount, CancellationToken cancellationToken = default)
    {
        var account = new string((bankAccount ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (string.IsNullOrWhiteSpace(bankName) || account.Length is < 6 or > 40 || !account.All(char.IsAsciiDigit))
        {
            return Task.FromResult(Result.Fail(Errors.BankAccountInvalid));
        }
        var owner = Write.InOrganization(organizationId, OrgRoles.Owner);
        return unit.RunAsync(owner,
            async () =>
            {
                var holder = await unit.ReadAsync(owner, async r =>
                {
                    var org = await r.Db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, cancellationToken);
                    return await CertificationSteps.CanStartAsync(r.Db, org, CertificationChannel.MicroDeposit, cancellationToken) is { } refused
                        ? Result<string>.Fail(refused.Code, refused.Args) : org.Name;
                }, cancellationToken);
                if (!holder.Succeeded)
                {
                    return holder.Error!;
                }
                // The bank's holder check is an outside call: before the lock, its refusal audited under it.
                var checkedHolder = await bank.CheckAccountHolderAsync(bankName.Trim(), account, holder.Value!, cancellationToken);
                return Result<(string Holder, PortalError? BankRefusal)>.Ok((holder.Value!, checkedHolder.Error));
            },
            async (w, prepared) =>
            {
                var (holder, bankRefusal) = prepared;
                var org = await w.Db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
                if (bankRefusal is not null)
                {
                    return w.Refuse(bankRefusal, AuditActions.OrganizationCertifyMicroDepositRequest, org.Id.ToString(),
                        $"{bankRefusal.Code} ****{account[^4..]}");
                }
                if (await CertificationSteps.CanStartAsync(w.Db, org, CertificationChannel.MicroDeposit, cancellationToken) is { } refused)
                {
                    return refused;
                }
                if (org.Name != holder)
                {
                    // Renamed since the bank checked the holder: ask again.
                    return Result.Fail(Errors.Concurrency);
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
                var deposit = MicroDepositRules.NewDeposit(org.Id, userId, bankName.Trim(), account, amount, w.Now, org.Name);
                w.Db.MicroDeposits.Add(deposit);
                CertificationSteps.Start(org, CertificationChannel.MicroDeposit);
                var phone = await w.Db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstAsync(cancellationToken);
                w.Audit(AuditActions.OrganizationCertifyMicroDepositRequest, org.Id.ToString(), "****" + account[^4..]);
                // Paid after commit: the development bank writes the outbox through its own context.
                var holderName = org.Name;
                w.AfterCommit(() => bank.PayAsync(new MicroDepositPayment(deposit.BankName, account, holderName, amount, phone!), cancellationToken));
                return Result.Ok();
            }, cancellationToken);
    }
}
