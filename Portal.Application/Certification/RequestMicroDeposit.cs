using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>对公打款: the platform pays 0.01–2.00 yuan into the corporate account (owner; at most 2 per account and company per 24 h).</summary>
public sealed class RequestMicroDeposit(CertificationSteps steps, IMicroDepositBank bank, AuditTrail audit)
{
    public async Task<Result> ExecuteAsync(Guid organizationId, string bankName, string bankAccount, CancellationToken cancellationToken = default)
    {
        var account = new string((bankAccount ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (string.IsNullOrWhiteSpace(bankName) || account.Length is < 6 or > 40 || !account.All(char.IsAsciiDigit))
        {
            return Result.Fail(Errors.BankAccountInvalid);
        }
        await using var db = steps.Open(organizationId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var owned = await steps.OwnedAsync(db, cancellationToken);
        if (!owned.Succeeded)
        {
            return owned.Error!;
        }
        var org = owned.Value!;
        if (CertificationSteps.CanStart(org, CertificationChannel.MicroDeposit) is { } refused)
        {
            return refused;
        }
        var userId = db.ScopeUserId!.Value;
        var since = steps.Now - MicroDepositRules.Window;
        // The per-account count crosses organizations on purpose: the limit is the registrant's.
        var byAccount = await db.MicroDeposits.IgnoreQueryFilters()
            .CountAsync(d => d.RequestedByUserId == userId && d.CreatedAtUtc > since, cancellationToken);
        var byCompany = await db.MicroDeposits.IgnoreQueryFilters()
            .Join(db.Organizations, d => d.OrganizationId, o => o.Id, (d, o) => new { d.CreatedAtUtc, o.Uscc })
            .CountAsync(x => x.Uscc == org.Uscc && x.CreatedAtUtc > since, cancellationToken);
        if (MicroDepositRules.CanApply(byAccount, byCompany) is { } limited)
        {
            return limited;
        }
        // A newer deposit replaces any unfinished one.
        foreach (var old in await db.MicroDeposits.Where(d => d.Status == MicroDepositStatus.Paid).ToListAsync(cancellationToken))
        {
            old.Status = MicroDepositStatus.Expired;
            old.ConcurrencyStamp = Guid.NewGuid();
        }
        var amount = RandomNumberGenerator.GetInt32((int)MicroDepositRules.MinFen, (int)MicroDepositRules.MaxFen + 1);
        var deposit = MicroDepositRules.NewDeposit(org.Id, userId, bankName.Trim(), account, amount, steps.Now);
        db.MicroDeposits.Add(deposit);
        CertificationSteps.Start(org, CertificationChannel.MicroDeposit);
        var phone = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstAsync(cancellationToken);
        await audit.AppendAsync(db, "organization.certify.micro-deposit.request", org.Id.ToString(), AuditOutcome.Success,
            "****" + account[^4..], cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        // Paid after commit: the development bank writes the outbox through its own context.
        await bank.PayAsync(new MicroDepositPayment(deposit.BankName, account, amount, phone!), cancellationToken);
        return Result.Ok();
    }
}
