using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>
/// A payment to a corporate account the registrant then reads off their statement. <paramref name="AccountHolder"/> is the
/// organization's name: the bank pays only an account held in that name (对公打款 with 户名).
/// </summary>
public sealed record MicroDepositPayment(string BankName, string BankAccount, string AccountHolder, long AmountFen, string RegistrantPhone);

/// <summary>The bank that pays the micro-deposit. Production plugs a bank API in.</summary>
public interface IMicroDepositBank
{
    /// <summary>
    /// Checks, before anything is recorded, that <paramref name="bankAccount"/> at <paramref name="bankName"/> is held by
    /// <paramref name="accountHolder"/> (banks' account verification, 账户户名核验): <see cref="Errors.BankAccountHolderMismatch"/> when not.
    /// </summary>
    Task<Result> CheckAccountHolderAsync(string bankName, string bankAccount, string accountHolder, CancellationToken cancellationToken = default);

    Task PayAsync(MicroDepositPayment payment, CancellationToken cancellationToken = default);
}

/// <summary>
/// The development bank: instead of paying, it tells the registrant the amount through the SMS outbox, so a person can
/// finish the flow by reading the outbox page. Its account register is the platform's own record: an account that has
/// verified a micro-deposit is held by the organization named on that deposit, and any other holder is refused.
/// </summary>
public sealed class DevelopmentMicroDepositBank(SmsNotifier sms, IPortalDbContextFactory dbFactory) : IMicroDepositBank
{
    public async Task<Result> CheckAccountHolderAsync(string bankName, string bankAccount, string accountHolder,
        CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateForScope(null, null);
        // Across organizations on purpose: the bank knows every account, whoever asks.
        var holder = await db.MicroDeposits.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.BankAccount == bankAccount && d.Status == MicroDepositStatus.Verified && d.AccountHolder != "")
            .OrderBy(d => d.CreatedAtUtc).Select(d => d.AccountHolder).FirstOrDefaultAsync(cancellationToken);
        return holder is null || holder == accountHolder ? Result.Ok() : Result.Fail(Errors.BankAccountHolderMismatch);
    }

    public Task PayAsync(MicroDepositPayment payment, CancellationToken cancellationToken = default)
    {
        var tail = payment.BankAccount.Length > 4 ? payment.BankAccount[^4..] : payment.BankAccount;
        return sms.SendAsync(payment.RegistrantPhone,
            SmsMessages.DevelopmentBankDeposit(payment.BankName, tail, MicroDepositRules.FormatYuan(payment.AmountFen)), cancellationToken);
    }
}
