using System.Globalization;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>The 对公打款 rules, free of the database so they are tested with a fake clock alone.</summary>
public static class MicroDepositRules
{
    public const long MinFen = 1;
    public const long MaxFen = 200;
    public const int MaxApplicationsPer24Hours = 2;
    public const int MaxAttempts = 3;
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);
    public static readonly TimeSpan Validity = TimeSpan.FromDays(5);

    /// <summary>May another deposit be requested, given the applications in the last 24 h by this account and for this company?</summary>
    public static PortalError? CanApply(int byAccountInWindow, int byCompanyInWindow) =>
        byAccountInWindow >= MaxApplicationsPer24Hours ? new PortalError(Errors.MicroDepositAccountLimit, MaxApplicationsPer24Hours)
        : byCompanyInWindow >= MaxApplicationsPer24Hours ? new PortalError(Errors.MicroDepositCompanyLimit, MaxApplicationsPer24Hours)
        : null;

    public static MicroDeposit NewDeposit(Guid organizationId, Guid userId, string bankName, string bankAccount, long amountFen, DateTime nowUtc,
        string accountHolder = "")
    {
        if (amountFen is < MinFen or > MaxFen)
        {
            throw new ArgumentOutOfRangeException(nameof(amountFen), amountFen, "0.01–2.00 yuan");
        }
        return new MicroDeposit
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            RequestedByUserId = userId,
            BankName = bankName,
            BankAccount = bankAccount,
            AccountHolder = accountHolder,
            AmountFen = amountFen,
            Status = MicroDepositStatus.Paid,
            CreatedAtUtc = nowUtc,
            ExpiresAtUtc = nowUtc + Validity,
        };
    }

    /// <summary>"0.37" (yuan, at most two decimals) to 37 fen; null when it is not such an amount.</summary>
    public static long? ParseYuan(string? text)
    {
        if (!decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan))
        {
            return null;
        }
        var fen = yuan * 100;
        return fen != decimal.Truncate(fen) ? null : (long)fen;
    }

    public static string FormatYuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks an entered amount against the deposit and records the attempt on it. Expired and exhausted
    /// deposits refuse; the third wrong amount puts the organization back to "not paid".
    /// </summary>
    public static PortalError? Attempt(MicroDeposit deposit, long enteredFen, DateTime nowUtc)
    {
        if (deposit.Status != MicroDepositStatus.Paid)
        {
            return new PortalError(Errors.MicroDepositNotPaid);
        }
        if (nowUtc >= deposit.ExpiresAtUtc)
        {
            deposit.Status = MicroDepositStatus.Expired;
            return new PortalError(Errors.MicroDepositExpired);
        }
        deposit.Attempts++;
        if (enteredFen == deposit.AmountFen)
        {
            deposit.Status = MicroDepositStatus.Verified;
            return null;
        }
        if (deposit.Attempts >= MaxAttempts)
        {
            deposit.Status = MicroDepositStatus.AttemptsExhausted;
            return new PortalError(Errors.MicroDepositAttemptsExhausted);
        }
        return new PortalError(Errors.MicroDepositWrongAmount, MaxAttempts - deposit.Attempts);
    }
}
