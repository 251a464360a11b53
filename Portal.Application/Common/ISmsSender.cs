namespace Portal.Application.Common;

/// <summary>
/// Sends catalog SMS (<see cref="SmsTemplates"/>): a provider sends the pre-approved template by id with its parameters;
/// development writes the rendered text to the outbox.
/// </summary>
public interface ISmsSender
{
    Task<SmsDelivery> SendAsync(string phone, string templateId, IReadOnlyDictionary<string, string> parameters, string language,
        CancellationToken cancellationToken = default);
}

/// <summary>
/// What became of one message. <see cref="Failure"/> is a short code of ours (<c>sms.timeout</c>, <c>sms.rejected</c>,
/// <c>sms.unreachable</c>), never the provider's answer: that goes to the log only.
/// </summary>
public sealed record SmsDelivery(bool Sent, string? Failure = null)
{
    public static readonly SmsDelivery Ok = new(true);

    public static SmsDelivery Failed(string failure) => new(false, failure);
}
