namespace Portal.Application.Domain;

/// <summary>
/// One SMS the platform sent, or answered as sent (a code asked for an unregistered number is not delivered but counts the
/// same, so the answer never tells): the daily caps per phone and per account count these rows. No text is kept.
/// </summary>
public class SmsSendRecord
{
    public long Id { get; set; }
    public string Phone { get; set; } = "";

    /// <summary>The signed-in account that caused the message (null: anonymous or the platform itself).</summary>
    public Guid? AccountId { get; set; }

    public string TemplateId { get; set; } = "";
    public bool Delivered { get; set; }
    public DateTime SentAtUtc { get; set; }
}
