namespace Portal.Application.Domain;

public enum MicroDepositStatus
{
    /// <summary>The platform has paid; the registrant has not yet entered the right amount.</summary>
    Paid = 1,
    Verified = 2,

    /// <summary>Three wrong amounts: the organization is back to "not paid" and may apply again.</summary>
    AttemptsExhausted = 3,
    Expired = 4,
}

/// <summary>One 对公打款 application: the amount the platform paid into the corporate account, in fen.</summary>
public class MicroDeposit : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid RequestedByUserId { get; set; }
    public string BankName { get; set; } = "";
    public string BankAccount { get; set; } = "";

    /// <summary>户名: the organization's name when the deposit was requested, which the bank checked the account against.</summary>
    public string AccountHolder { get; set; } = "";

    /// <summary>0.01–2.00 yuan as integer fen (SQLite has no decimal).</summary>
    public long AmountFen { get; set; }
    public int Attempts { get; set; }
    public MicroDepositStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
