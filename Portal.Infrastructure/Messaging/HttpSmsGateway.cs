using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portal.Application.Accounts;
using Portal.Application.Common;

namespace Portal.Infrastructure.Messaging;

/// <summary>
/// <c>Sms:Gateway</c>: where the HTTP SMS gateway is and how Portal proves itself to it. Credentials: either an access
/// key id and secret (every request carries an HMAC-SHA256 signature) or a bearer token. Never in committed configuration.
/// </summary>
public sealed class SmsGatewayOptions
{
    public const string Section = "Sms:Gateway";

    /// <summary>The absolute URL Portal POSTs each message to (the provider's API or a relay in front of it).</summary>
    public string? Url { get; set; }

    public string? AccessKeyId { get; set; }

    public string? AccessKeySecret { get; set; }

    public string? BearerToken { get; set; }

    /// <summary>How long one send may take before it counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Our template id → the provider's approved template code (e.g. <c>SMS_123456789</c>); unmapped ids go as they are.</summary>
    public Dictionary<string, string> TemplateCodes { get; set; } = new(StringComparer.Ordinal);

    public bool HasCredentials =>
        !string.IsNullOrWhiteSpace(BearerToken) || (!string.IsNullOrWhiteSpace(AccessKeyId) && !string.IsNullOrWhiteSpace(AccessKeySecret));
}

/// <summary>
/// Sends catalog SMS to an HTTP gateway the way Chinese SMS providers take them: sign name, template code, the template's
/// parameters as JSON and the phone number — one JSON POST per message (the request body is documented in the README,
/// "SMS gateway"). A non-2xx answer, a timeout or an unreachable gateway is logged with the status only and returned as
/// a failed <see cref="SmsDelivery"/>; nothing from the provider's answer reaches the caller.
/// </summary>
public sealed class HttpSmsGateway(HttpClient http, SmsGatewayOptions gateway, SmsOptions sms, TimeProvider clock,
    ILogger<HttpSmsGateway> logger) : ISmsSender
{
    public const string AccessKeyIdHeader = "X-Sms-AccessKeyId";
    public const string TimestampHeader = "X-Sms-Timestamp";
    public const string NonceHeader = "X-Sms-Nonce";
    public const string SignatureHeader = "X-Sms-Signature";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SmsDelivery> SendAsync(string phone, string templateId, IReadOnlyDictionary<string, string> parameters, string language,
        CancellationToken cancellationToken = default)
    {
        var templateCode = gateway.TemplateCodes.GetValueOrDefault(templateId, templateId);
        var body = JsonSerializer.SerializeToUtf8Bytes(new SmsGatewayRequest(phone, sms.Signature, templateCode, parameters, language,
            Guid.NewGuid().ToString("N")), Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        Authenticate(request, body);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, gateway.TimeoutSeconds)));
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                logger.LogInformation("SMS {Template} ({Language}) to {Phone} accepted by the gateway in {Ms} ms", templateId, language,
                    PhoneNumber.Mask(phone), (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return SmsDelivery.Ok;
            }
            logger.LogWarning("SMS gateway refused {Template} to {Phone}: HTTP {Status}", templateId, PhoneNumber.Mask(phone),
                (int)response.StatusCode);
            return SmsDelivery.Failed("sms.rejected");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("SMS gateway did not answer {Template} to {Phone} within {Seconds} s", templateId, PhoneNumber.Mask(phone),
                gateway.TimeoutSeconds);
            return SmsDelivery.Failed("sms.timeout");
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("SMS gateway unreachable for {Template} to {Phone}: {Error}", templateId, PhoneNumber.Mask(phone), e.HttpRequestError);
            return SmsDelivery.Failed("sms.unreachable");
        }
    }

    private void Authenticate(HttpRequestMessage request, byte[] body)
    {
        if (!string.IsNullOrWhiteSpace(gateway.AccessKeyId) && !string.IsNullOrWhiteSpace(gateway.AccessKeySecret))
        {
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            request.Headers.Add(AccessKeyIdHeader, gateway.AccessKeyId);
            request.Headers.Add(TimestampHeader, timestamp);
            request.Headers.Add(NonceHeader, nonce);
            request.Headers.Add(SignatureHeader, Sign(gateway.AccessKeySecret, timestamp, nonce, body));
        }
        else if (!string.IsNullOrWhiteSpace(gateway.BearerToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.BearerToken);
        }
    }

    /// <summary>Base64 HMAC-SHA256 over <c>timestamp + "\n" + nonce + "\n" + body</c> with the access key secret (UTF-8).</summary>
    public static string Sign(string secret, string timestamp, string nonce, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + "\n" + nonce + "\n");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data, prefix.Length);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }
}

/// <summary>The JSON body of one message (camelCase on the wire).</summary>
public sealed record SmsGatewayRequest(string PhoneNumber, string SignName, string TemplateCode,
    IReadOnlyDictionary<string, string> TemplateParam, string Language, string OutId);
