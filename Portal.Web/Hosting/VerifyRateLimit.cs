using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Web.Hosting;

/// <summary>
/// The "verify" rate-limit policy: per client IP, a fixed window (configuration <c>RateLimits:Verify:PermitLimit</c>,
/// default 10, and <c>RateLimits:Verify:WindowSeconds</c>, default 60). Registered with its own AddRateLimiter call,
/// which composes with any other policies. The public verification page counts through <see cref="VerifyThrottle"/>
/// with the same numbers.
/// </summary>
public static class VerifyRateLimit
{
    public const string Policy = "verify";

    public static IServiceCollection AddVerifyRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = VerifyLimits.From(configuration);
        services.AddSingleton(limits);
        services.AddSingleton<VerifyThrottle>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 }));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var previous = o.OnRejected;
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                if (rejected.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)limits.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                        detail: $"At most {limits.PermitLimit} verifications per {limits.Window.TotalSeconds:0} s from one address; try again later.")
                        .ExecuteAsync(rejected.HttpContext);
                }
                else if (previous is not null)
                {
                    await previous(rejected, cancellationToken);
                }
            };
        });
        return services;
    }
}

/// <summary>The verification limits from configuration (section <c>RateLimits:Verify</c>).</summary>
public sealed record VerifyLimits(int PermitLimit, TimeSpan Window, int CaptchaAfter)
{
    public static VerifyLimits From(IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimits:Verify");
        return new VerifyLimits(
            Math.Max(1, section.GetValue<int?>("PermitLimit") ?? 10),
            TimeSpan.FromSeconds(Math.Max(1, section.GetValue<int?>("WindowSeconds") ?? 60)),
            Math.Max(0, section.GetValue<int?>("CaptchaAfter") ?? 3));
    }
}
