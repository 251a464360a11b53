using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests.Support;

/// <summary>
/// Tests only: Identity's PBKDF2 (passwords and signing PINs) at one iteration instead of Identity's default, so seeding
/// thirteen demo users and checking PINs costs microseconds. The hash format and the code paths stay the production ones.
/// </summary>
public static class CheapPasswordHashing
{
    public const int Iterations = 1;

    public static IServiceCollection AddCheapPasswordHashing(this IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = Iterations);
}
