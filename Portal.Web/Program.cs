using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;
using Portal.Application;
using Portal.Application.Common;
using Portal.Application.Seeding;
using Portal.Infrastructure;
using Portal.Infrastructure.Jobs;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Signing;
using Portal.Web.Components;
using Portal.Web.Hosting;
using Serilog;


var builder = WebApplication.CreateBuilder(args);

// The shared base configuration sits at the top of the repository; appsettings.{Environment}.json and
// the environment still override it.
builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
{
    Path = "appsettings.base.json",
    Optional = false,
    FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
});

// scripts/provision-hsm.sh: the trusted wrapping key on every development token (ADR 0017), then exit without serving.
if (args.Contains(TrustedWrappingProvisioning.Verb))
{
    return TrustedWrappingProvisioning.Run(builder.Configuration, Console.Out);
}

builder.Services.AddSerilog((sp, lc) => lc.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(sp).Enrich.FromLogContext());

builder.AddCertificateLogin();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddPortalUi();
// Chinese text stays readable in the HTML instead of numeric character references.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
builder.AddPortalAdapters();
// Background jobs on Quartz.NET with its store in our database (Jobs:Enabled; the test hosts turn it off).
builder.Services.AddPortalJobs(builder.Configuration);
builder.Services.AddSingleton<CircuitAccessRegistry>();
builder.Services.AddSingleton<ISpaceAccessNotifier>(sp => sp.GetRequiredService<CircuitAccessRegistry>());

builder.Services.AddHttpContextAccessor();
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<LoginGuard>();
builder.Services.AddScoped<IHumanCheck, CaptchaHumanCheck>();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddPortalRateLimits(builder.Configuration);
// After the portal's limits: the verification policy answers /api refusals in problem details and hands the rest on.
builder.Services.AddVerifyRateLimit(builder.Configuration);
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
builder.Services.AddScoped<CircuitHandler, CurrentUserCircuitHandler>();
builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = IdentityConstants.ApplicationScheme;
        o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/account/login";
    o.LogoutPath = "/account/logout";
    o.AccessDeniedPath = "/access-denied";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    // Secure when the request is https, directly or as a known proxy says (UsePortalForwardedHeaders).
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.SlidingExpiration = true;
});
builder.Services.AddServerSideSessions();
builder.AddPortalForwardedHeaders();
builder.Services.AddPortalIdentityCore().AddSignInManager();
builder.Services.AddPortalAuthorization();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<HsmPoolHealthCheck>("hsm");

if (!builder.CheckBeforeServing())
{
    return 1;
}

var app = builder.Build();

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseCertificateLoginIsolation();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseSerilogRequestLogging();
app.UseRequestLocalization(Localization.Options());
app.UseRateLimiter();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
// The API answers in problem details, never with the HTML "not found" page.
app.Use((context, next) =>
{
    if (context.Request.Path.StartsWithSegments("/api") && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
    {
        pages.Enabled = false;
    }

    return next(context);
});
app.UseAuthentication();
app.UseMiddleware<OutboxGateMiddleware>();
app.UseMiddleware<CurrentUserMiddleware>();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/healthz");
app.MapPortalEndpoints();
app.MapPkiEndpoints();
app.MapCertificateLogin();
app.MapVerifyEndpoints();
app.MapSigningTaskEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapApiReference();
// Our CSP already says frame-ancestors 'none'; Blazor's own header would add a second, weaker one.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

// The captcha font must be there before anyone needs a captcha (it throws naming Captcha:FontPath and the package).
app.Services.GetRequiredService<Portal.Application.Captcha.ICaptchaImage>();

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
    await app.Services.InitializePlatformCaAsync();
    if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Seed:Demo"))
    {
        await scope.ServiceProvider.GetRequiredService<DemoSeed>().RunAsync();
        Console.WriteLine($"Demo accounts (password {DemoSeed.Password}):");
        foreach (var account in DemoSeed.Accounts)
        {
            Console.WriteLine($"  {account.Phone}  {account.Name}  ({account.Role})");
        }
    }
}

app.Run();
return 0;

public partial class Program;
