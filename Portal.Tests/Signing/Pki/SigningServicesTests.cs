using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Portal.Signing;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pkcs11;

namespace Portal.Tests.Signing.Pki;

[Collection(SoftHsmCollection.Name)]
public sealed class SigningServicesTests(SoftHsmFixture hsm)
{
    [Fact]
    public async Task AddPortalSigning_wires_pool_ca_tsa_and_trust_store()
    {
        var stores = new InMemoryPkiStores();
        var services = new ServiceCollection()
            .AddSingleton<IPinProvider>(hsm.Pins)
            .AddSingleton<IIssuedCertificateStore>(stores)
            .AddSingleton<IRevocationStore>(stores)
            .AddSingleton<IKeyRegistry>(stores)
            .AddSingleton<ITrustedCaStore>(stores)
            .AddPortalSigning(
                o =>
                {
                    var test = SoftHsmFixture.Options();
                    (o.Module, o.Tokens) = (test.Module, test.Tokens);
                },
                p => (p.CaKeyAlgorithm, p.TsaKeyAlgorithm) = (KeyAlgorithm.EcP256, KeyAlgorithm.EcP256));
        await using var provider = services.BuildServiceProvider();

        var ca = provider.GetRequiredService<PlatformCa>();
        await ca.InitializeAsync();
        var token = await provider.GetRequiredService<ITimestampAuthority>().TimestampAsync(SHA256.HashData([1, 2, 3]));
        var rootCheck = await provider.GetRequiredService<TrustStore>().CheckAsync(ca.IssuingCertificate);

        Assert.True(provider.GetRequiredService<HsmPool>().GetStatus().IsHealthy);
        Assert.NotEmpty(token);
        Assert.Equal(TrustStatus.Trusted, rootCheck.Status);
        Assert.NotNull(await stores.FindLatestAsync(CertificateKind.TimestampAuthority));
    }
}
