using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;
using Portal.Application.Common;

namespace Portal.Web.Hosting;

internal static class UiSetup
{
    public static IServiceCollection AddPortalUi(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddMudServices();
        services.AddScoped<Components.Layout.TodoBadge>();
        return services;
    }
}

/// <summary>zh-CN by default, en-US by the switch in the app bar (a cookie).</summary>
public static class Localization
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";
    public static readonly string[] Supported = [Chinese, English];

    public static RequestLocalizationOptions Options()
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Chinese),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };
        // The cookie (set by the switch) decides; the browser's Accept-Language does not override the zh-CN default.
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        return options;
    }
}

/// <summary>/healthz: the database answers (the HSM pool joins with its issue).</summary>
internal sealed class DatabaseHealthCheck(IPortalDbContextFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = factory.CreateForScope(null, null);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("database unreachable");
    }
}
