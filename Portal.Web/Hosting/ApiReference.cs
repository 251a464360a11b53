using Scalar.AspNetCore;

namespace Portal.Web.Hosting;

/// <summary>
/// The interactive API reference at <c>/api-reference.html</c> over <c>/openapi/v1.json</c>. Scalar.AspNetCore serves its
/// assets (shipped inside the package) under <c>/scalar/</c>; its own page starts them with an inline script that our CSP
/// refuses, so <c>/scalar/v1</c> leads to our page, which starts them from a file.
/// </summary>
internal static class ApiReference
{
    public const string Page = "/api-reference.html";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapScalarApiReference(o => o.WithTitle("Portal API")).AllowAnonymous();
        endpoints.MapGet("/scalar/v1", () => Results.Redirect(Page)).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }
}
