using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Accounts;
using Portal.Application.Bindings;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Infrastructure.Excel;
using Portal.Infrastructure.Messaging;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Signing;

namespace Portal.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Database (provider from <c>Database:Provider</c>: Sqlite by default, or SqlServer), Identity stores,
    /// SMS sender and the other adapters.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPortalDatabase(configuration);
        services.AddScoped<IPortalDbContextFactory, PortalDbContextFactory>();
        services.AddScoped<ICurrentSpace, DbCurrentSpace>();
        services.AddSingleton(configuration.GetSection("Sms").Get<SmsOptions>() ?? new SmsOptions());
        services.AddScoped<ISmsSender, OutboxSmsSender>();
        services.AddSingleton<Portal.Application.Organizations.IMemberSpreadsheet, ClosedXmlMemberSpreadsheet>();
        services.AddSingleton<IFileStore>(new DiskFileStore(configuration["Storage:FilesPath"] ?? Path.Combine("App_Data", "files")));
        services.AddScoped<DatabaseInitializer>();
        services.AddPortalSigningInfrastructure(configuration);
        services.AddSingleton<ICertificateInspector, CertificateInspector>();
        services.AddSingleton<DevChallengeSigner>();
        services.AddSingleton<Portal.Application.Bindings.IDevChallengeSigner>(sp => sp.GetRequiredService<DevChallengeSigner>());
        services.AddSingleton<Portal.Application.Signing.IHsmPoolMonitor, HsmPoolMonitor>();
        services.AddSingleton<Portal.Application.Certificates.IPersonalCertificateAuthority, PersonalCertificateAuthority>();
        services.AddHostedService<Jobs.CertificateExpiryJob>();
        services.AddSingleton<ITableExporter, ClosedXmlTableExporter>();
        services.AddSingleton(configuration.GetSection("Pdf").Get<Portal.Signing.Pdf.PdfSigningOptions>() ?? new Portal.Signing.Pdf.PdfSigningOptions());
        services.AddSingleton<Portal.Signing.Seals.SealFaceCache>();
        services.AddSingleton<Portal.Application.Signing.IDocumentSigner, PdfDocumentSigner>();
        // Abuse limits and the image captcha (the host's HTTP rate limiter reads the same options).
        services.AddSingleton(configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions());
        services.AddMemoryCache();
        services.AddSingleton<Portal.Application.Captcha.ICaptchaChallenges, Captcha.MemoryCaptchaChallenges>();
        services.AddSingleton<Portal.Application.Captcha.ICaptchaImage>(_ => new Captcha.SkiaCaptchaImage(configuration["Captcha:FontPath"]));
        return services;
    }

    /// <summary>Registers the provider's context, its factory and the base <see cref="PortalDbContext"/> Identity uses.</summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("DefaultConnection")
            ?? throw new InvalidOperationException("ConnectionStrings:DefaultConnection is not configured.");
        if (string.Equals(provider, "SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            services.AddDbContextFactory<SqlServerPortalDbContext>(o => o.UseSqlServer(connectionString));
            services.AddSingleton<IDbContextFactory<PortalDbContext>, ProviderContextFactory<SqlServerPortalDbContext>>();
        }
        else if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddDbContextFactory<SqlitePortalDbContext>(o => o.UseSqlite(connectionString));
            services.AddSingleton<IDbContextFactory<PortalDbContext>, ProviderContextFactory<SqlitePortalDbContext>>();
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported (Sqlite or SqlServer).");
        }
        // Identity's stores use a scoped context of the base type.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        // Keys in the database: every web node behind a load balancer reads the same cookies and tokens.
        services.AddDataProtection().SetApplicationName("Portal").PersistKeysToDbContext<PortalDbContext>();
        return services;
    }

    /// <summary>Identity options: phone number as user name, our password policy, lockout 5 failures / 15 minutes.</summary>
    public static IdentityBuilder AddPortalIdentityCore(this IServiceCollection services)
    {
        return services.AddIdentityCore<PortalUser>(o =>
            {
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "+0123456789";
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredLength = PasswordPolicy.MinLength;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = LoginLockout.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = LoginLockout.Duration;
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<PortalRole>()
            .AddUserManager<Identity.PortalUserManager>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddPasswordValidator<PortalPasswordValidator>()
            .AddDefaultTokenProviders();
    }
}
