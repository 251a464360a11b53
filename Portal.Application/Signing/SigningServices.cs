using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Application.Domain;
using Portal.Application.SigningPins;
using Portal.Application.Todos;

namespace Portal.Application.Signing;

public static class SigningServices
{
    /// <summary>Signing PIN, willingness, document checks, the policy engine, use approvals, signing and the usage ledger.</summary>
    public static IServiceCollection AddSigning(this IServiceCollection services)
    {
        // Identity's PBKDF2 hasher; its cost is PasswordHasherOptions.IterationCount (Identity's default unless a test lowers it).
        services.TryAddSingleton<IPasswordHasher<SigningPin>, PasswordHasher<SigningPin>>();
        services.AddScoped<GetSigningPinState>();
        services.AddScoped<SetSigningPin>();
        services.AddScoped<ChangeSigningPin>();
        services.AddScoped<ResetSigningPin>();
        services.AddScoped<SendSigningSmsCode>();
        services.AddScoped<WillingnessVerifier>();
        services.AddScoped<CheckSigningDocument>();
        services.AddScoped<SealUsePolicy>();
        services.AddScoped<SignWithSeal>();
        services.AddScoped<ListUsableSeals>();
        services.AddScoped<SubmitUseRequest>();
        services.AddScoped<DecideUseRequest>();
        services.AddScoped<ListUseRequests>();
        services.AddScoped<GetUseRequest>();
        services.AddTodoSource<UseRequestTodos>();
        services.AddTodoSource<ApprovedUseTodos>();
        services.AddScoped<ListSealUsages>();
        services.AddScoped<ExportSealUsages>();
        services.AddScoped<DownloadSignedDocument>();
        services.AddScoped<GetSealUsageStats>();
        return services;
    }
}
