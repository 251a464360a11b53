using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Application.Common;
using Portal.Infrastructure.Messaging;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Messaging;

/// <summary>The HTTP SMS gateway against a real HTTP receiver on loopback.</summary>
public class HttpSmsGatewayTests
{
    /// <summary>A loopback HTTP server answering each request with the given status after an optional delay.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;
        private readonly CancellationTokenSource _stop = new();

        public Receiver(HttpStatusCode status, TimeSpan delay = default, string answer = "{}")
        {
            var port = PortalProcess.FreePort();
            Url = $"http://127.0.0.1:{port}/sms/send";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }
                    using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                    var body = await reader.ReadToEndAsync();
                    Requests.Add((context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k]!), body));
                    if (delay > TimeSpan.Zero)
                    {
                        await Task.Delay(delay, _stop.Token).ContinueWith(_ => { });
                    }
                    try
                    {
                        context.Response.StatusCode = (int)status;
                        var bytes = Encoding.UTF8.GetBytes(answer);
                        await context.Response.OutputStream.WriteAsync(bytes);
                        context.Response.Close();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                    }
                }
            });
        }

        public string Url { get; }
        public List<(Dictionary<string, string> Headers, string Body)> Requests { get; } = [];

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            _listener.Close();
            await _loop;
        }
    }

    private sealed class ListLogger : ILogger<HttpSmsGateway>
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    private static HttpSmsGateway Gateway(SmsGatewayOptions options, ILogger<HttpSmsGateway>? logger = null) =>
        new(new HttpClient(), options, new SmsOptions { Signature = "示例签名" }, TimeProvider.System,
            logger ?? NullLogger<HttpSmsGateway>.Instance);

    [Fact]
    public async Task A_message_goes_as_sign_name_template_code_json_parameters_and_phone_with_a_valid_hmac_signature()
    {
        await using var receiver = new Receiver(HttpStatusCode.OK);
        var options = new SmsGatewayOptions
        {
            Url = receiver.Url,
            AccessKeyId = "portal-key",
            AccessKeySecret = "s3cret",
            TemplateCodes = new() { ["verification-code"] = "SMS_100001" },
        };

        var delivery = await Gateway(options).SendAsync("13800000001", "verification-code",
            new Dictionary<string, string> { ["code"] = "123456" }, "zh-CN");

        Assert.True(delivery.Sent);
        var (headers, body) = Assert.Single(receiver.Requests);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("13800000001", root.GetProperty("phoneNumber").GetString());
        Assert.Equal("示例签名", root.GetProperty("signName").GetString());
        Assert.Equal("SMS_100001", root.GetProperty("templateCode").GetString());
        Assert.Equal("123456", root.GetProperty("templateParam").GetProperty("code").GetString());
        Assert.Equal("zh-CN", root.GetProperty("language").GetString());
        Assert.Equal("portal-key", headers[HttpSmsGateway.AccessKeyIdHeader]);
        var expected = HttpSmsGateway.Sign("s3cret", headers[HttpSmsGateway.TimestampHeader], headers[HttpSmsGateway.NonceHeader],
            Encoding.UTF8.GetBytes(body));
        Assert.Equal(expected, headers[HttpSmsGateway.SignatureHeader]);
        Assert.NotEqual(HttpSmsGateway.Sign("other", headers[HttpSmsGateway.TimestampHeader], headers[HttpSmsGateway.NonceHeader],
            Encoding.UTF8.GetBytes(body)), headers[HttpSmsGateway.SignatureHeader]);
    }

    [Fact]
    public async Task A_bearer_token_goes_in_the_authorization_header()
    {
        await using var receiver = new Receiver(HttpStatusCode.Accepted);
        var delivery = await Gateway(new SmsGatewayOptions { Url = receiver.Url, BearerToken = "tok-1" })
            .SendAsync("13800000001", "verification-code", new Dictionary<string, string> { ["code"] = "1" }, "en-US");
        Assert.True(delivery.Sent);
        Assert.Equal("Bearer tok-1", Assert.Single(receiver.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task A_refusal_is_logged_with_its_status_and_returned_as_a_failure_that_carries_nothing_of_the_answer()
    {
        await using var receiver = new Receiver(HttpStatusCode.InternalServerError, answer: "{\"Message\":\"internal account 42 over quota\"}");
        var logger = new ListLogger();
        var delivery = await Gateway(new SmsGatewayOptions { Url = receiver.Url, BearerToken = "t" }, logger)
            .SendAsync("13800000001", "verification-code", new Dictionary<string, string> { ["code"] = "1" }, "zh-CN");

        Assert.False(delivery.Sent);
        Assert.Equal("sms.rejected", delivery.Failure);
        var line = Assert.Single(logger.Lines);
        Assert.Contains("500", line, StringComparison.Ordinal);
        Assert.DoesNotContain("quota", line, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000001", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_that_does_not_answer_in_time_or_at_all_is_a_failure()
    {
        await using var receiver = new Receiver(HttpStatusCode.OK, delay: TimeSpan.FromSeconds(20));
        var slow = await Gateway(new SmsGatewayOptions { Url = receiver.Url, BearerToken = "t", TimeoutSeconds = 1 })
            .SendAsync("13800000001", "verification-code", new Dictionary<string, string> { ["code"] = "1" }, "zh-CN");
        Assert.Equal(SmsDelivery.Failed("sms.timeout"), slow);

        var closed = await Gateway(new SmsGatewayOptions { Url = $"http://127.0.0.1:{PortalProcess.FreePort()}/", BearerToken = "t" })
            .SendAsync("13800000001", "verification-code", new Dictionary<string, string> { ["code"] = "1" }, "zh-CN");
        Assert.Equal(SmsDelivery.Failed("sms.unreachable"), closed);
    }
}
