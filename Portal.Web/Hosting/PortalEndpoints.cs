using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Web.Hosting;

internal static class PortalEndpoints
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".pdf"] = "application/pdf",
    };

    public static IEndpointRouteBuilder MapPortalEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/account/captcha/{id}", (string id, [FromServices] Portal.Application.Captcha.Captchas captchas, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return captchas.Render(id) is { } png ? Results.File(png, "image/png") : Results.NotFound();
        });

        endpoints.MapPost("/account/logout", async (HttpContext context, [FromServices] SignInManager<PortalUser> signIn,
            [FromServices] AuditTrail audit, [FromServices] IPortalDbContextFactory dbFactory) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                await audit.RecordAsync(dbFactory, AuditActions.AccountLogout, CurrentUserMiddleware.UserIdOf(context.User)?.ToString() ?? "", AuditOutcome.Success);
            }
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        });


        // Files the platform's review queues show (proofs, ID photos, seal scans under review), for platform admins; any other key is 404.
        endpoints.MapGet("/platform/files/{key}", async (string key, [FromServices] Portal.Application.Reviews.OpenReviewFile open, CancellationToken ct) =>
            await open.ExecuteAsync(key, ct) is { Succeeded: true } file
                ? Results.File(file.Value!, ContentTypes.TryGetValue(Path.GetExtension(key), out var type) ? type : "application/octet-stream", key)
                : Results.NotFound())
            .RequireAuthorization(Permissions.PlatformAdmin);

        // The language switch: a cookie for a year, then back to where the user was.
        endpoints.MapGet("/culture/set", async (HttpContext context, string culture, string? redirectUri, [FromServices] SetLanguage setLanguage) =>
        {
            if (!Localization.Supported.Contains(culture))
            {
                culture = Localization.Chinese;
            }
            // Signed in: the account remembers it too, so SMS reach the user in their language.
            if (context.User.Identity?.IsAuthenticated == true)
            {
                await setLanguage.ExecuteAsync(culture);
            }
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            var target = string.IsNullOrEmpty(redirectUri) || !redirectUri.StartsWith('/') || redirectUri.StartsWith("//", StringComparison.Ordinal)
                ? "/" : redirectUri;
            return Results.LocalRedirect("~" + target);
        });
        return endpoints;
    }
}
