using Portal.Infrastructure.Signing;
using Portal.Signing.Pki;

namespace Portal.Web.Hosting;

/// <summary>The platform CA's public services: CA certificates, CRLs and the OCSP responder (GET and POST, RFC 6960).</summary>
internal static class PkiEndpoints
{
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
            Results.File(await responder.RespondToGetAsync(request, ct), "application/ocsp-response"));
        pki.MapPost("/ocsp", async (HttpRequest http, OcspResponder responder, CancellationToken ct) =>
        {
            if (http.ContentType != "application/ocsp-request" || http.ContentLength is > 64 * 1024)
            {
                return Results.BadRequest();
            }
            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer, ct);
            return Results.File(await responder.RespondAsync(buffer.ToArray(), ct), "application/ocsp-response");
        }).DisableAntiforgery();
        return endpoints;
    }

    private static bool IsCa(string ca) => ca is PlatformCa.RootId or PlatformCa.IssuingId;
}
