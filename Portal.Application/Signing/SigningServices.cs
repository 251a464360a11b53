using Microsoft.Extensions.DependencyInjection;
using Portal.Application.SigningPins;

namespace Portal.Application.Signing;

public static class SigningServices
{
    /// <summary>Signing PIN, willingness, document checks, the policy engine, use approvals, signing and the usage ledger.</summary>
    public static IServiceCollection AddSigning(this IServiceCollection services)
    {
        services.AddScoped<GetSigningPinState>();
        services.AddScoped<SetSigningPin>();
        services.AddScoped<ChangeSigningPin>();
        services.AddScoped<ResetSigningPin>();
        services.AddScoped<SendSigningSmsCode>();
        services.AddScoped<WillingnessVerifier>();
        services.AddScoped<CheckSigningDocument>();
        return services;
    }
}
