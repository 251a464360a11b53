using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;

namespace Portal.Signing;

/// <summary>Registers the signing core: HSM pool, platform CA, OCSP responder, TSA and trust store.</summary>
public static class DependencyInjection
{
    /// <summary>
    /// Adds the pool and PKI as singletons. The host must also register the four PKI stores
    /// (<see cref="IIssuedCertificateStore"/>, <see cref="IRevocationStore"/>, <see cref="IKeyRegistry"/>,
    /// <see cref="ITrustedCaStore"/>) as singletons and call <see cref="PlatformCa.InitializeAsync"/> once at start.
    /// An <see cref="IPinProvider"/> registered before this call wins over the environment-based default.
    /// </summary>
    public static IServiceCollection AddPortalSigning(
        this IServiceCollection services,
        Action<HsmPoolOptions> configureHsm,
        Action<PkiOptions>? configurePki = null,
        string? devSecretsFile = null)
    {
        services.AddOptions<HsmPoolOptions>().Configure(configureHsm);
        services.AddOptions<PkiOptions>().Configure(o => configurePki?.Invoke(o));
        services.TryAddSingleton<IPinProvider>(_ => new EnvironmentPinProvider(devSecretsFile));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new HsmPool(
            sp.GetRequiredService<IOptions<HsmPoolOptions>>().Value,
            sp.GetRequiredService<IPinProvider>(),
            sp.GetService<ILogger<HsmPool>>()));
        services.TryAddSingleton(sp => new PkiStores(
            sp.GetRequiredService<IIssuedCertificateStore>(),
            sp.GetRequiredService<IRevocationStore>(),
            sp.GetRequiredService<IKeyRegistry>(),
            sp.GetRequiredService<ITrustedCaStore>()));
        services.TryAddSingleton(sp => new PlatformCa(
            sp.GetRequiredService<HsmPool>(),
            sp.GetRequiredService<IOptions<PkiOptions>>().Value,
            sp.GetRequiredService<PkiStores>(),
            sp.GetRequiredService<IPinProvider>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<PlatformCa>>()));
        services.TryAddSingleton(sp => new OcspResponder(sp.GetRequiredService<PlatformCa>()));
        services.TryAddSingleton(sp => new PlatformTimestampAuthority(sp.GetRequiredService<PlatformCa>()));
        services.TryAddSingleton<ITimestampAuthority>(sp => sp.GetRequiredService<PlatformTimestampAuthority>());
        services.TryAddSingleton(sp => new TrustStore(sp.GetRequiredService<ITrustedCaStore>(), sp.GetRequiredService<IRevocationStore>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
