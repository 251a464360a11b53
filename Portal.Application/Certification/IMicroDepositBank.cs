using Portal.Application.Accounts;
using Portal.Application.Common;

namespace Portal.Application.Certification;

/// <summary>A payment to a corporate account the registrant then reads off their statement.</summary>
public sealed record MicroDepositPayment(string BankName, string BankAccount, long AmountFen, string RegistrantPhone);

/// <summary>The bank that pays the micro-deposit. Production plugs a bank API in.</summary>
public interface IMicroDepositBank
{
    Task PayAsync(MicroDepositPayment payment, CancellationToken cancellationToken = default);
}

/// <summary>
/// The development bank: instead of paying, it tells the registrant the amount through the SMS outbox,
/// so a person can finish the flow by reading the outbox page.
/// </summary>
public sealed class DevelopmentMicroDepositBank(SmsNotifier sms) : IMicroDepositBank
{
    public Task PayAsync(MicroDepositPayment payment, CancellationToken cancellationToken = default)
    {
        var tail = payment.BankAccount.Length > 4 ? payment.BankAccount[^4..] : payment.BankAccount;
        return sms.SendAsync(payment.RegistrantPhone,
            SmsMessages.DevelopmentBankDeposit(payment.BankName, tail, MicroDepositRules.FormatYuan(payment.AmountFen)), cancellationToken);
    }
}
