namespace Portal.Application.Domain;

/// <summary>A message the development SMS sender "sent": shown on the outbox page.</summary>
public class SmsOutboxMessage
{
    public long Id { get; set; }
    public string Phone { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime SentAtUtc { get; set; }
}
