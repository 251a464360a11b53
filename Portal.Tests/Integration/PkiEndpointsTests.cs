using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using Portal.Signing;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Support;

using Portal.Web.Hosting;

namespace Portal.Tests.Integration;

/// <summary>The portal with a real SoftHSM2 pool: its CA serves certificates, CRLs and OCSP over HTTP.</summary>
[Collection(SoftHsmCollection.Name)]
public class PkiEndpointsTests(SoftHsmFixture hsm)
{
    private sealed class PoolPortal(SoftHsmFixture hsm, int? ocspPermits = null) : PortalWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (ocspPermits is { } permits)
            {
                builder.UseSetting("RateLimits:Ocsp:PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            builder.UseSetting("Hsm:Tokens:0", SoftHsmFixture.TokenA);
            builder.UseSetting("Hsm:Tokens:1", SoftHsmFixture.TokenB);
            // The fixture's pool, not a second one (PKCS#11 login state is per process and token).
            builder.ConfigureServices(s =>
            {
                s.AddSingleton<IPinProvider>(hsm.Pins);
                s.AddSingleton(hsm.Pool);
            });
        }
    }

    [Fact]
    public async Task Crl_and_ocsp_over_http_report_a_revoked_seal_certificate()
    {
        await using var portal = new PoolPortal(hsm);
        using var client = portal.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));

        var ca = portal.Services.GetRequiredService<PlatformCa>();
        var key = await ca.GenerateKeyAsync(KeyAlgorithm.EcP256, "seal:test");
        var issued = await ca.IssueSealCertificateAsync(key.KeyId, new SealSubject("示例科技有限公司", Portal.Application.Seeding.DemoSeed.EnterpriseUscc, "合同专用章"));
        var certificate = new X509Certificate(issued.Der);
        var issuer = new X509Certificate(await client.GetByteArrayAsync("/pki/ca/issuing.cer"));
        certificate.Verify(issuer.GetPublicKey());

        Assert.Equal(CertificateStatus.Good, await OcspPostAsync(client, certificate, issuer));
        await ca.RevokeAsync(issued.IssuerId, issued.SerialNumber, RevocationReason.CessationOfOperation);

        Assert.IsType<RevokedStatus>(await OcspPostAsync(client, certificate, issuer));
        var request = Convert.ToBase64String(OcspResponder.CreateRequest(certificate, issuer));
        var get = await client.GetAsync("/pki/ocsp/" + Uri.EscapeDataString(request));
        Assert.Equal("application/ocsp-response", get.Content.Headers.ContentType?.MediaType);
        Assert.IsType<RevokedStatus>(SingleStatus(await get.Content.ReadAsByteArrayAsync()));

        var crl = new X509Crl(await client.GetByteArrayAsync("/pki/crl/issuing.crl"));
        crl.Verify(issuer.GetPublicKey());
        Assert.NotNull(crl.GetRevokedCertificate(certificate.SerialNumber));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/pki/crl/nobody.crl")).StatusCode);
    }

    [Fact]
    public async Task An_ocsp_body_over_64_KiB_is_refused_whether_its_length_is_declared_or_chunked()
    {
        await using var portal = new PoolPortal(hsm);
        using var client = portal.CreateClient();
        var big = new byte[PkiEndpoints.MaxOcspRequestBytes + 1];

        var declared = new ByteArrayContent(big);
        declared.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        // A stream that cannot seek has no length: the body goes chunked.
        var chunked = new StreamContent(new BufferedStream(new LengthlessStream(10 * 1024 * 1024)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        Assert.Null(chunked.Headers.ContentLength);
        var chunkedRequest = new HttpRequestMessage(HttpMethod.Post, "/pki/ocsp") { Content = chunked };
        chunkedRequest.Headers.TransferEncodingChunked = true;

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync("/pki/ocsp", declared)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(chunkedRequest)).StatusCode);
        var text = new StringContent("not ocsp");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync("/pki/ocsp", text)).StatusCode);
    }

    [Fact]
    public async Task The_ocsp_responder_is_limited_per_client_ip_from_the_rate_limits_section()
    {
        await using var portal = new PoolPortal(hsm, ocspPermits: 2);
        using var client = portal.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsync("/pki/ocsp", new StringContent("not ocsp"))).StatusCode);
        }
        Assert.Equal([HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.TooManyRequests], statuses);
        // GET requests share the window.
        var get = await client.GetAsync("/pki/ocsp/AAAA");
        Assert.Equal(HttpStatusCode.TooManyRequests, get.StatusCode);
        Assert.True(get.Headers.RetryAfter is not null, "a refusal says when to come back");
    }

    private static async Task<object?> OcspPostAsync(HttpClient client, X509Certificate certificate, X509Certificate issuer)
    {
        var body = new ByteArrayContent(OcspResponder.CreateRequest(certificate, issuer));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        var response = await client.PostAsync("/pki/ocsp", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return SingleStatus(await response.Content.ReadAsByteArrayAsync());
    }

    private static object? SingleStatus(byte[] der)
    {
        var response = new OcspResp(der);
        Assert.Equal(OcspRespStatus.Successful, response.Status);
        return ((BasicOcspResp)response.GetResponseObject()).Responses.Single().GetCertStatus();
    }

    /// <summary>A body of <c>size</c> zero bytes from a stream with no length.</summary>
    private sealed class LengthlessStream(long size) : Stream
    {
        private long _left = size;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _left);
            Array.Clear(buffer, offset, n);
            _left -= n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
