namespace Portal.Application.Common;

/// <summary>
/// Sends catalog SMS (<see cref="SmsTemplates"/>): a provider sends the pre-approved template by id with its parameters;
/// development writes the rendered text to the outbox.
/// </summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string templateId, IReadOnlyDictionary<string, string> parameters, string language,
        CancellationToken cancellationToken = default);
}
