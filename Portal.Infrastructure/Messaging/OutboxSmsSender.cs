using Microsoft.Extensions.Logging;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Infrastructure.Messaging;

/// <summary>
/// The development SMS gateway: every message lands in the outbox table, shown on the outbox page. A provider sends
/// the approved template by id; the outbox keeps the text the recipient would read (signature, template, language).
/// </summary>
internal sealed class OutboxSmsSender(IPortalDbContextFactory factory, SmsOptions options, TimeProvider clock, ILogger<OutboxSmsSender> logger)
    : ISmsSender
{
    public async Task<SmsDelivery> SendAsync(string phone, string templateId, IReadOnlyDictionary<string, string> parameters, string language,
        CancellationToken cancellationToken = default)
    {
        var text = SmsTemplates.Render(templateId, parameters, language, options.Signature);
        await using var db = factory.CreateForScope(null, null);
        db.SmsOutbox.Add(new SmsOutboxMessage { Phone = phone, Text = text, SentAtUtc = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("SMS {Template} ({Language}) to {Phone} written to the development outbox", templateId, language,
            PhoneNumber.Mask(phone));
        return SmsDelivery.Ok;
    }
}
