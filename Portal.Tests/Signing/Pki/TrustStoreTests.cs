using Org.BouncyCastle.X509;
using Portal.Signing;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pkcs11;

namespace Portal.Tests.Signing.Pki;

[Collection(SoftHsmCollection.Name)]
public sealed class TrustStoreTests(SoftHsmFixture hsm)
{
    [Fact]
    public async Task Platform_certificate_is_trusted_until_revoked()
    {
        var (ca, stores) = await PkiTestCa.GetAsync(hsm);
        var trust = new TrustStore(stores.TrustedCas, stores.Revocations);
        var issued = await ca.IssuePersonalCertificateAsync(hsm.Pool.GenerateKey(KeyAlgorithm.EcP256).KeyId, new PersonSubject("李四", "440301199001011234"));
        var certificate = new X509Certificate(issued.Der);

        var before = await trust.CheckAsync(certificate, [ca.IssuingCertificate]);
        var withoutChain = await trust.CheckAsync(certificate);
        await ca.RevokeAsync(PlatformCa.IssuingId, issued.SerialNumber, RevocationReason.AffiliationChanged);
        var after = await trust.CheckAsync(certificate, [ca.IssuingCertificate]);

        Assert.Equal((TrustStatus.Trusted, true), (before.Status, before.IsAcceptable));
        Assert.Equal(3, before.Path.Count);
        Assert.Equal((TrustStatus.Trusted, 3), (withoutChain.Status, withoutChain.Path.Count));
        Assert.Equal((TrustStatus.Revoked, false), (after.Status, after.IsAcceptable));
    }

    [Fact]
    public async Task External_ca_without_fresh_crl_is_revocation_unknown_fail_open_or_closed_per_ca()
    {
        var stores = PkiStores.InMemory();
        var trust = new TrustStore(stores.TrustedCas, stores.Revocations);
        var open = new ExternalTestCa("CFCA Test");
        var closed = new ExternalTestCa("SZCA Test");
        await trust.ImportCaAsync(open.Certificate.GetEncoded(), "CFCA");
        await trust.ImportCaAsync(closed.Certificate.GetEncoded(), "深圳CA", failClosed: true);
        var leafOpen = open.IssueLeaf("王五");
        var leafClosed = closed.IssueLeaf("赵六");

        var openResult = await trust.CheckAsync(leafOpen);
        var closedResult = await trust.CheckAsync(leafClosed);
        Assert.Equal((TrustStatus.RevocationUnknown, true), (openResult.Status, openResult.IsAcceptable));
        Assert.Equal((TrustStatus.RevocationUnknown, false), (closedResult.Status, closedResult.IsAcceptable));

        await trust.ImportCrlAsync(closed.Crl(DateTime.UtcNow.AddDays(1)));
        Assert.Equal(TrustStatus.Trusted, (await trust.CheckAsync(leafClosed)).Status);

        await trust.ImportCrlAsync(open.Crl(DateTime.UtcNow.AddMinutes(-1) /* stale */));
        Assert.Equal(TrustStatus.RevocationUnknown, (await trust.CheckAsync(leafOpen)).Status);
        await trust.ImportCrlAsync(open.Crl(DateTime.UtcNow.AddDays(1), leafOpen));
        Assert.Equal((TrustStatus.Revoked, false), ((await trust.CheckAsync(leafOpen)).Status, (await trust.CheckAsync(leafOpen)).IsAcceptable));

        var fetched = new ExternalTestCa("TWCA Test");
        await trust.ImportCaAsync(fetched.Certificate.GetEncoded(), "天威诚信", crlUrl: "http://crl.example.test/twca.crl");
        await trust.ImportCaAsync(new ExternalTestCa("Offline").Certificate.GetEncoded(), "Offline", crlUrl: "http://crl.example.test/offline.crl");
        var leafFetched = fetched.IssueLeaf("钱七");
        using var http = new HttpClient(new StubHandler(url => url.EndsWith("twca.crl", StringComparison.Ordinal) ? fetched.Crl(DateTime.UtcNow.AddDays(1), leafFetched) : null));
        var refreshed = await trust.RefreshCrlsAsync(http);
        Assert.Contains(refreshed, r => r.Error is null);
        Assert.Contains(refreshed, r => r.Error is not null);
        Assert.Equal(TrustStatus.Revoked, (await trust.CheckAsync(leafFetched)).Status);

        var stranger = new ExternalTestCa("Stranger");
        Assert.Equal(TrustStatus.Untrusted, (await trust.CheckAsync(stranger.IssueLeaf("x"))).Status);
        await Assert.ThrowsAsync<SigningException>(() => trust.ImportCrlAsync(stranger.Crl(DateTime.UtcNow.AddDays(1))));
    }

    private sealed class StubHandler(Func<string, byte[]?> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = respond(request.RequestUri!.ToString());
            return Task.FromResult(body is null
                ? new HttpResponseMessage(System.Net.HttpStatusCode.NotFound)
                : new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
        }
    }
}
