using Microsoft.Extensions.Logging;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Infrastructure.Messaging;

/// <summary>The development SMS gateway: every message lands in the outbox table, shown on the outbox page.</summary>
internal sealed class OutboxSmsSender(IPortalDbContextFactory factory, TimeProvider clock, ILogger<OutboxSmsSender> logger) : ISmsSender
{
    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateForScope(null, null);
        db.SmsOutbox.Add(new SmsOutboxMessage { Phone = phone, Text = text, SentAtUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("SMS to {Phone} written to the development outbox", PhoneNumber.Mask(phone));
    }
}
