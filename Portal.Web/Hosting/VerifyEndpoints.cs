using System.ComponentModel;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;
using Portal.Application.Common;
using Portal.Application.Verification;

namespace Portal.Web.Hosting;

/// <summary>
/// The public verification API: <c>POST /api/v1/verify</c> (multipart, field <c>file</c>; the part's Content-Type does not
/// matter, the bytes decide), no key, the "verify" rate limit, the report as JSON; errors as RFC 9457 problem details.
/// <c>/api</c> never redirects to the login page and needs no antiforgery token.
/// </summary>
internal static class VerifyEndpoints
{
    public static IEndpointRouteBuilder MapVerifyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").AllowAnonymous().DisableAntiforgery().WithTags("Verification");
        api.MapPost("/verify", VerifyAsync)
            .RequireRateLimiting(VerifyRateLimit.Policy)
            .WithName("VerifyDocument")
            .WithSummary("Verify the signatures of a PDF")
            .WithDescription("Upload a PDF as multipart/form-data in the field `file`. Returns the verification report: overall and per signature " +
                "`indication` (TOTAL_PASSED, TOTAL_FAILED, INDETERMINATE, ETSI EN 319 102-1) with `subIndication`, signer, certificate chain and " +
                "trust anchor, timestamp, revocation, changes after signing and stamped pages, and the seal each signature shows as a PNG " +
                "(`sealImages`, base64, at most 192 px a side and 64 KB each, every distinct seal once; `images=false` leaves them out). " +
                "No key is needed; requests are rate limited per client address.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<DocumentVerificationReport>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<IResult> VerifyAsync(
        HttpContext http,
        VerifyDocument verify,
        IStringLocalizer<SharedResource> text,
        [Description("Include the seal images (`sealImages`, base64 PNG). Default true; false keeps the response to the verdicts (the `sealImageId`s stay, to tell which signatures share a seal).")]
        bool? images,
        CancellationToken cancellationToken)
    {
        var max = verify.MaxBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // Room for the multipart framing around a file of the largest size accepted.
            size.MaxRequestBodySize = max + (1024 * 1024);
        }

        if (!http.Request.HasFormContentType)
        {
            return Problem(StatusCodes.Status400BadRequest, "FileMissing", text["Verify.Api.FileMissing"]);
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max + (1024 * 1024), ValueCountLimit = 16 }, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? Problem(StatusCodes.Status413PayloadTooLarge, Errors.PdfTooLarge, text["Error." + Errors.PdfTooLarge, max / (1024 * 1024)])
                : Problem(StatusCodes.Status400BadRequest, "FormInvalid", ex.Message);
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return Problem(StatusCodes.Status400BadRequest, "FileMissing", text["Verify.Api.FileMissing"]);
        }

        if (file.Length > max)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, Errors.PdfTooLarge, text["Error." + Errors.PdfTooLarge, max / (1024 * 1024)]);
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var result = await verify.ExecuteAsync(new VerificationUpload(file.FileName, bytes), recordForSignedInUser: false, cancellationToken);
        if (!result.Succeeded)
        {
            var error = result.Error!;
            var status = error.Code == Errors.PdfTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return Problem(status, error.Code, text["Error." + error.Code, error.Args]);
        }

        var report = images == false ? result.Value! with { SealImages = [] } : result.Value!;
        return Results.Json(report, statusCode: StatusCodes.Status200OK);
    }

    private static IResult Problem(int status, string code, string detail) =>
        Results.Problem(statusCode: status, title: code, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
}
