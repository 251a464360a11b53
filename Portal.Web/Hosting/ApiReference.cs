using Scalar.AspNetCore;

namespace Portal.Web.Hosting;

/// <summary>The interactive API reference (Scalar) at <c>/scalar/v1</c>, over <c>/openapi/v1.json</c>; its assets ship with the portal.</summary>
internal static class ApiReference
{
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapScalarApiReference(o => o.WithTitle("Portal API")).AllowAnonymous();
        return endpoints;
    }
}
