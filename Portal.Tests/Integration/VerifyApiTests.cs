using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The public verification API, its rate limit, the OpenAPI document and the API reference, over the real portal.</summary>
public sealed partial class VerifyApiTests
{
    private sealed class LimitedPortal : PortalWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimits:Verify:PermitLimit", "3");
        }
    }

    private static MultipartFormDataContent Upload(byte[] pdf, string field = "file")
    {
        var part = new ByteArrayContent(pdf);
        // Whatever the part says, the bytes decide.
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { part, field, "contract.pdf" } };
    }

    [Fact]
    public async Task Anyone_verifies_without_a_key_errors_are_problem_details_and_the_rate_limit_answers_429()
    {
        await using var portal = new LimitedPortal();
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        var ok = await client.PostAsync("/api/v1/verify", Upload(TestPdfs.Make(1)));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()))
        {
            Assert.Equal("INDETERMINATE", json.RootElement.GetProperty("indication").GetString());
            Assert.Equal("SIGNED_DATA_NOT_FOUND", json.RootElement.GetProperty("subIndication").GetString());
            Assert.Equal("indeterminate", json.RootElement.GetProperty("verdict").GetString());
            Assert.Equal(0, json.RootElement.GetProperty("signatures").GetArrayLength());
        }

        var missing = await client.PostAsync("/api/v1/verify", Upload(TestPdfs.Make(1), field: "document"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        var notPdf = await client.PostAsync("/api/v1/verify", Upload("hello"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, notPdf.StatusCode);
        Assert.Contains("PdfNotPdf", await notPdf.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var limited = await client.PostAsync("/api/v1/verify", Upload(TestPdfs.Make(1)));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        // Under /api nothing redirects to the login page, not even an unknown path.
        var unknown = await client.GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Null(unknown.Headers.Location);
    }

    [Fact]
    public async Task The_openapi_document_and_the_reference_page_are_public_and_the_page_runs_under_our_csp()
    {
        await using var portal = new PortalWebFactory();
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        var openApi = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        var openApiText = await openApi.Content.ReadAsStringAsync();
        Assert.Contains("/api/v1/verify", openApiText, StringComparison.Ordinal);
        // The seal images are in the schema, described, and so is the flag that leaves them out.
        Assert.Contains("\"sealImages\"", openApiText, StringComparison.Ordinal);
        Assert.Contains("\"sealImageId\"", openApiText, StringComparison.Ordinal);
        Assert.Contains("at most 192", openApiText, StringComparison.Ordinal);
        Assert.Contains("\"images\"", openApiText, StringComparison.Ordinal);

        var scalarPage = await client.GetAsync("/scalar/v1");
        Assert.Equal("/api-reference.html", scalarPage.Headers.Location?.OriginalString);
        var reference = await client.GetAsync("/api-reference.html");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var html = await reference.Content.ReadAsStringAsync();
        // script-src 'self': every script is a file from this server, and each of them is served.
        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var tag in scripts)
        {
            var src = SrcAttribute().Match(tag);
            Assert.True(src.Success, "inline script in the API reference: " + tag);
            Assert.DoesNotContain("://", src.Groups[1].Value, StringComparison.Ordinal);
            var asset = await client.GetAsync(src.Groups[1].Value);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        }

        // The module the page starts imports Scalar's own module, which is served too.
        Assert.Contains("/scalar/scalar.aspnetcore.js", await client.GetStringAsync("/js/api-reference.js"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/scalar.aspnetcore.js")).StatusCode);

        var page = await client.GetAsync("/verify");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_json_carries_each_seal_image_once_as_base64_png_and_images_false_leaves_them_out()
    {
        var pdf = await SealImagePdfs.TwoSealsAndATextOnlySignatureAsync();
        await using var portal = new PortalWebFactory();
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostAsync("/api/v1/verify", Upload(pdf));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            var signatures = json.RootElement.GetProperty("signatures").EnumerateArray().ToList();
            Assert.Equal(3, signatures.Count);
            // The same ring seal on two signatures is one image; the text-only appearance shows none.
            var image = Assert.Single(json.RootElement.GetProperty("sealImages").EnumerateArray());
            var id = image.GetProperty("id").GetString();
            Assert.Equal([id, id, null], signatures.Select(s => s.GetProperty("sealImageId").GetString()));
            Assert.Equal("image/png", image.GetProperty("contentType").GetString());
            var png = image.GetProperty("data").GetBytesFromBase64();
            Assert.True(png.Length <= 64 * 1024);
            Assert.Equal((image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()), Portal.Tests.Signing.Pdf.SealImageTests.PngSize(png));
        }

        var lean = await client.PostAsync("/api/v1/verify?images=false", Upload(pdf));
        using (var json = JsonDocument.Parse(await lean.Content.ReadAsStringAsync()))
        {
            Assert.Equal(0, json.RootElement.GetProperty("sealImages").GetArrayLength());
            Assert.NotNull(json.RootElement.GetProperty("signatures")[0].GetProperty("sealImageId").GetString());
        }
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("src=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex SrcAttribute();
}
