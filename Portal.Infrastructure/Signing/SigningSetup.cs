using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Signing;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;

namespace Portal.Infrastructure.Signing;

/// <summary>Whether this instance has an HSM pool (the <c>Hsm:Tokens</c> section lists at least one token).</summary>
public sealed record SigningAvailability(bool IsConfigured);

public static class SigningSetup
{
    /// <summary>The pool's PINs and secrets: environment variables, then configuration, then <c>Hsm:DevSecretsFile</c>.</summary>
    public static EnvironmentPinProvider PinsFrom(IConfiguration configuration) =>
        new(configuration["Hsm:DevSecretsFile"], name => Environment.GetEnvironmentVariable(name) ?? configuration[name]);

    /// <summary>
    /// The HSM pool and platform PKI from configuration (<c>Hsm</c>, <c>Pki</c>), with the PKI stores in the
    /// database. Without configured tokens signing is off and health says so.
    /// </summary>
    public static IServiceCollection AddPortalSigningInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var tokens = configuration.GetSection("Hsm:Tokens").Get<List<string>>() ?? [];
        services.AddSingleton(new SigningAvailability(tokens.Count > 0));
        services.AddScoped<Portal.Application.TrustedCas.ITrustStoreAdministration, TrustStoreAdministration>();
        // Always registered: without a pool it says IsAvailable = false and making a seal is refused with a clear error.
        services.AddSingleton<Portal.Application.Seals.ISealKeys, HsmSealKeys>();
        services.AddSingleton<Portal.Application.Seals.ISealFaceRenderer, SkiaSealFaceRenderer>();
        // The stores and the trust store need only the database: external certificates are checked (bindings)
        // and trusted CAs maintained even on an instance without a pool.
        services.AddSingleton<EfPkiStores>();
        services.AddSingleton<IIssuedCertificateStore>(sp => sp.GetRequiredService<EfPkiStores>());
        services.AddSingleton<IRevocationStore>(sp => sp.GetRequiredService<EfPkiStores>());
        services.AddSingleton<ITrustedCaStore>(sp => sp.GetRequiredService<EfPkiStores>());
        services.AddSingleton<IKeyRegistry>(sp => sp.GetRequiredService<EfPkiStores>());
        services.AddSingleton(sp => new TrustStore(sp.GetRequiredService<ITrustedCaStore>(), sp.GetRequiredService<IRevocationStore>(),
            sp.GetRequiredService<TimeProvider>()));
        if (tokens.Count == 0)
        {
            return services;
        }
        // Secrets from the environment (as before) or any other configuration source (a secret store, a mounted file).
        services.TryAddSingleton<IPinProvider>(_ => PinsFrom(configuration));
        services.AddPortalSigning(
            o => configuration.GetSection("Hsm").Bind(o),
            o => configuration.GetSection("Pki").Bind(o),
            configuration["Hsm:DevSecretsFile"]);
        services.AddSingleton<HsmAuditCheckpointSigner>();
        services.AddSingleton<Portal.Application.Audit.IAuditCheckpointSigner>(sp => sp.GetRequiredService<HsmAuditCheckpointSigner>());
        services.AddHostedService<PlatformCaInitializer>();
        return services;
    }
}

public static class PlatformCaStartup
{
    /// <summary>
    /// Loads (or creates) the platform CA now, when a pool is configured: the demo seed certifies organizations, whose
    /// default seals need the CA, before the hosted services start. Later calls are no-ops.
    /// </summary>
    public static async Task InitializePlatformCaAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (services.GetRequiredService<SigningAvailability>().IsConfigured)
        {
            await services.GetRequiredService<PlatformCa>().InitializeAsync(cancellationToken);
            await services.GetRequiredService<HsmAuditCheckpointSigner>().InitializeAsync(cancellationToken);
        }
    }
}

/// <summary>Creates (dev) or loads the platform CA and TSA once at start-up, after the database is migrated.</summary>
internal sealed class PlatformCaInitializer(PlatformCa ca, HsmAuditCheckpointSigner auditKey, ILogger<PlatformCaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ca.InitializeAsync(cancellationToken);
        // The audit checkpoint key, loaded or made now (outside any write transaction).
        await auditKey.InitializeAsync(cancellationToken);
        logger.LogInformation("Platform CA ready: root {Root}", ca.RootCertificate.SubjectDN);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>/healthz: the pool is healthy while at least one token is up; degraded when one is down.</summary>
public sealed class HsmPoolHealthCheck(IServiceProvider services, SigningAvailability availability) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!availability.IsConfigured)
        {
            return Task.FromResult(HealthCheckResult.Degraded("HSM pool not configured (Hsm:Tokens is empty): signing is off"));
        }
        var status = services.GetRequiredService<HsmPool>().GetStatus();
        var down = status.Tokens.Where(t => !t.IsUp).Select(t => t.Label).ToList();
        return Task.FromResult(!status.IsHealthy ? HealthCheckResult.Unhealthy("every HSM token is down")
            : down.Count > 0 ? HealthCheckResult.Degraded("HSM tokens down: " + string.Join(", ", down))
            : HealthCheckResult.Healthy());
    }
}
