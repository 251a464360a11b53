using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Application;
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
        services.AddSingleton(configuration.GetSection("Audit").Get<Portal.Application.Audit.AuditOptions>() ?? new Portal.Application.Audit.AuditOptions());
        services.AddSingleton<Portal.Application.Organizations.IMemberSpreadsheet, ClosedXmlMemberSpreadsheet>();
        services.AddSingleton<IFileStore>(new DiskFileStore(configuration["Storage:FilesPath"] ?? Path.Combine("App_Data", "files")));
        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton(configuration.GetSection(Identity.SignInSessionOptions.Section).Get<Identity.SignInSessionOptions>() ?? new Identity.SignInSessionOptions());
        services.AddSingleton<Identity.DbTicketStore>();
        services.AddSingleton<IUserSessions>(sp => sp.GetRequiredService<Identity.DbTicketStore>());
        services.AddPortalSigningInfrastructure(configuration);
        services.AddSingleton<ICertificateInspector, CertificateInspector>();
        services.AddSingleton(new Portal.Infrastructure.Verification.DocumentVerificationOptions(
            Math.Max(1, configuration.GetValue<int?>("Verification:MaxUploadMegabytes") ?? 50) * 1024L * 1024));
        services.AddSingleton<Portal.Application.Verification.IDocumentVerifier, Portal.Infrastructure.Verification.PdfDocumentVerifier>();
        services.AddSingleton<Portal.Application.Verification.IVerificationReportPdf, Portal.Infrastructure.Verification.PdfSharpVerificationReport>();
        services.AddSingleton<DevChallengeSigner>();
        services.AddSingleton<Portal.Application.Bindings.IDevChallengeSigner>(sp => sp.GetRequiredService<DevChallengeSigner>());
        services.AddSingleton<Portal.Application.Signing.IHsmPoolMonitor, HsmPoolMonitor>();
        services.AddSingleton<Portal.Application.Certificates.IPersonalCertificateAuthority, PersonalCertificateAuthority>();
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
        var database = DatabaseSettings.From(configuration);
        if (database.IsSqlServer)
        {
            services.AddDbContextFactory<SqlServerPortalDbContext>(o => o.UseSqlServer(database.ConnectionString));
            services.AddSingleton<IDbContextFactory<PortalDbContext>, ProviderContextFactory<SqlServerPortalDbContext>>();
        }
        else
        {
            services.AddDbContextFactory<SqlitePortalDbContext>(o => o.UseSqlite(database.ConnectionString));
            services.AddSingleton<IDbContextFactory<PortalDbContext>, ProviderContextFactory<SqlitePortalDbContext>>();
        }
        // Identity's stores use a scoped context of the base type.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        // Keys in the database: every web node behind a load balancer reads the same cookies and tokens. With a
        // certificate configured (production requires one) each key is stored encrypted to it, so a copy of the
        // database alone cannot forge cookies.
        var dataProtection = services.AddDataProtection().SetApplicationName("Portal").PersistKeysToDbContext<PortalDbContext>();
        if (DataProtectionCertificate.Load(configuration) is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }
        return services;
    }

    /// <summary>
    /// The development SMS outbox, bank, real-name providers and payment gateway. The host calls this only in Development
    /// or when <c>Demo:UseDevelopmentStandIns</c> is true.
    /// </summary>
    public static IServiceCollection AddDevelopmentStandIns(this IServiceCollection services)
    {
        services.AddDevelopmentProviders();
        services.AddScoped<ISmsSender, OutboxSmsSender>();
        return services;
    }

    /// <summary>The HTTP SMS gateway when <c>Sms:Gateway:Url</c> is set; it replaces the outbox if both are registered.</summary>
    public static IServiceCollection AddSmsGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SmsGatewayOptions.Section).Get<SmsGatewayOptions>() ?? new SmsGatewayOptions();
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            return services;
        }
        services.AddSingleton(options);
        services.AddHttpClient<HttpSmsGateway>();
        services.RemoveAll<ISmsSender>();
        services.AddScoped<ISmsSender>(sp => sp.GetRequiredService<HttpSmsGateway>());
        return services;
    }

    /// <summary>Whether the SMS outbox is this instance's sender (then, and only then, <c>/dev/outbox</c> exists).</summary>
    public static bool UsesSmsOutbox(this IServiceCollection services) =>
        services.Any(d => d.ServiceType == typeof(ISmsSender) && d.ImplementationType == typeof(OutboxSmsSender));

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
