using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Portal.Application.Common;

namespace Portal.Web.Hosting;

/// <summary>The names of the HTTP rate-limit policies (per client IP, windows from the <c>RateLimits</c> section).</summary>
public static class RateLimitPolicies
{
    /// <summary>Posts of the anonymous account forms (login, registration, password reset: they send and check codes).</summary>
    public const string AccountForms = "account-forms";

    /// <summary>Certificate login (ticket issue and redeem).</summary>
    public const string CertificateLogin = "certificate-login";

    /// <summary>The OCSP responder.</summary>
    public const string Ocsp = "ocsp";
}

/// <summary>
/// ASP.NET Core's rate limiter, partitioned by client IP, on every HTTP endpoint that sends or checks a code or a password,
/// and on the OCSP responder. Code sends and checks inside circuits go through <see cref="ClientThrottle"/> instead.
/// A refusal answers 429 with a Retry-After header and a short text in the request's language. Other features add their own
/// policies with <c>services.Configure&lt;RateLimiterOptions&gt;(o =&gt; o.AddPolicy(...))</c>.
/// </summary>
internal static class RateLimitSetup
{
    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicies.AccountForms, context => HttpMethods.IsPost(context.Request.Method)
                ? PerIp(context, limits.Login)
                : RateLimitPartition.GetNoLimiter("read"));
            o.AddPolicy(RateLimitPolicies.CertificateLogin, context => PerIp(context, limits.Login));
            o.AddPolicy(RateLimitPolicies.Ocsp, context => PerIp(context, limits.Ocsp));
            o.OnRejected = async (rejected, ct) =>
            {
                var http = rejected.HttpContext;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitSetup))
                    .LogWarning("Rate limit: {Method} {Path} refused for {Ip}", http.Request.Method, http.Request.Path, ClientIp(http));
                var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>()["Error.TooManyRequests"];
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(text, ct);
            };
        });
        return services;
    }

    /// <summary>The client's address as the server sees it (behind a proxy: after the forwarded-headers middleware).</summary>
    public static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerIp(HttpContext context, PermitWindow window) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientIp(context), _ => ClientThrottle.Options(window));
}
