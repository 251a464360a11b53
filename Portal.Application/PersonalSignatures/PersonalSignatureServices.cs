using Microsoft.Extensions.DependencyInjection;

namespace Portal.Application.PersonalSignatures;

public static class PersonalSignatureServices
{
    /// <summary>我的签名: name seal, handwritten signatures, list, default, delete (signing with them goes through SignWithSeal).</summary>
    public static IServiceCollection AddPersonalSignatures(this IServiceCollection services)
    {
        services.AddScoped<MakeNameSeal>();
        services.AddScoped<SaveHandwrittenSignature>();
        services.AddScoped<ListMySignatures>();
        services.AddScoped<SetDefaultSignature>();
        services.AddScoped<DeleteSignature>();
        return services;
    }
}
