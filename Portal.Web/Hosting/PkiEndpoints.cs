using Portal.Infrastructure.Signing;
using Portal.Signing.Pki;

namespace Portal.Web.Hosting;

/// <summary>The platform CA's public services: CA certificates, CRLs and the OCSP responder (GET and POST, RFC 6960).</summary>
internal static class PkiEndpoints
{
    /// <summary>An OCSP request for one certificate is a few hundred bytes; 64 KiB leaves room for many.</summary>
    public const int MaxOcspRequestBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapPkiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var availability = endpoints.ServiceProvider.GetRequiredService<SigningAvailability>();
        var pki = endpoints.MapGroup("/pki");
        if (!availability.IsConfigured)
        {
            pki.MapGet("/{**rest}", () => Results.Problem("The HSM pool is not configured on this instance.", statusCode: StatusCodes.Status503ServiceUnavailable));
            return endpoints;
        }
        pki.MapGet("/ca/{ca}.cer", (string ca, PlatformCa platform) =>
            IsCa(ca) ? Results.File(platform.GetCaCertificate(ca).GetEncoded(), "application/pkix-cert", $"{ca}.cer") : Results.NotFound());
        pki.MapGet("/crl/{ca}.crl", async (string ca, PlatformCa platform, CancellationToken ct) =>
            IsCa(ca) ? Results.File(await platform.GetCrlAsync(ca, ct), "application/pkix-crl", $"{ca}.crl") : Results.NotFound());
        pki.MapGet("/ocsp/{**request}", async (string request, OcspResponder responder, CancellationToken ct) =>
            Results.File(await responder.RespondToGetAsync(request, ct), "application/ocsp-response"))
            .RequireRateLimiting(RateLimitPolicies.Ocsp);
        pki.MapPost("/ocsp", async (HttpRequest http, OcspResponder responder, CancellationToken ct) =>
        {
            // Answers carry a problem body: an empty error status would be re-executed as the portal's not-found page.
            if (http.ContentType != "application/ocsp-request")
            {
                return Results.Problem("An OCSP request is sent as application/ocsp-request.", statusCode: StatusCodes.Status415UnsupportedMediaType);
            }
            // Declared or not (chunked), no more than MaxOcspRequestBytes is ever read.
            var body = await BoundedBody.ReadAsync(http, MaxOcspRequestBytes, ct);
            return body is null
                ? Results.Problem($"An OCSP request is at most {MaxOcspRequestBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge)
                : Results.File(await responder.RespondAsync(body, ct), "application/ocsp-response");
        }).DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Ocsp);
        return endpoints;
    }

    private static bool IsCa(string ca) => ca is PlatformCa.RootId or PlatformCa.IssuingId;
}
