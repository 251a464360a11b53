using System.Net;
using System.Security.Claims;
using Portal.Application.Certificates;
using Portal.Application.Certification;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.RealName;
using Portal.Infrastructure;
using Portal.Infrastructure.Messaging;
using Portal.Infrastructure.Persistence;
using Portal.Infrastructure.Signing;
using Portal.Signing.Pkcs11;

namespace Portal.Web.Hosting;

/// <summary>One production prerequisite that is missing: its configuration key and what it is, in English.</summary>
public sealed record MissingPrerequisite(string Key, string What)
{
    public override string ToString() => $"{Key} — {What}";
}

/// <summary>
/// Development stand-ins (SMS outbox, bank, real-name providers, payment gateway) run only in Development or when
/// <see cref="DemoKey"/> is true; every other start checks that each production prerequisite is there and refuses to
/// serve otherwise (README, "Production").
/// </summary>
public static class ProductionReadiness
{
    public const string DemoKey = "Demo:UseDevelopmentStandIns";

    public static bool UsesDevelopmentStandIns(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() || configuration.GetValue<bool>(DemoKey);

    /// <summary>
    /// Registers the SMS sender and the stand-ins this start may use: the HTTP gateway when <c>Sms:Gateway:Url</c> is
    /// set, else the outbox where stand-ins are allowed.
    /// </summary>
    public static void AddPortalAdapters(this WebApplicationBuilder builder)
    {
        if (UsesDevelopmentStandIns(builder.Environment, builder.Configuration))
        {
            builder.Services.AddDevelopmentStandIns();
        }
        builder.Services.AddSmsGateway(builder.Configuration);
        builder.Services.AddSingleton(new OutboxAccess(builder.Services.UsesSmsOutbox(), builder.Environment.IsDevelopment()));
    }

    /// <summary>Everything a non-Development start lacks, in a stable order; empty when it may serve.</summary>
    public static IReadOnlyList<MissingPrerequisite> FindMissing(IConfiguration configuration, IServiceCollection services)
    {
        var missing = new List<MissingPrerequisite>();
        bool Registered<T>() => services.Any(d => d.ServiceType == typeof(T));

        var gateway = configuration.GetSection(SmsGatewayOptions.Section).Get<SmsGatewayOptions>() ?? new SmsGatewayOptions();
        if (!Registered<ISmsSender>())
        {
            missing.Add(new("Sms:Gateway:Url", "SMS gateway"));
        }
        else if (!string.IsNullOrWhiteSpace(gateway.Url))
        {
            if (!Uri.TryCreate(gateway.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                missing.Add(new("Sms:Gateway:Url", "SMS gateway (not an absolute http(s) URL)"));
            }
            if (!gateway.HasCredentials)
            {
                missing.Add(new("Sms:Gateway:AccessKeyId + Sms:Gateway:AccessKeySecret (or Sms:Gateway:BearerToken)", "SMS gateway credentials"));
            }
        }
        if (configuration["Sms:Signature"] is not { Length: > 0 })
        {
            missing.Add(new("Sms:Signature", "SMS sign name registered with the provider"));
        }
        // No production adapter exists for these yet: only the development stand-ins (DemoKey) fill them.
        if (!Registered<IMicroDepositBank>())
        {
            missing.Add(new(DemoKey, "micro-deposit bank (IMicroDepositBank): no production adapter in this build"));
        }
        if (!Registered<IFaceVerificationProvider>() || !Registered<IPhoneThreeFactorProvider>() || !Registered<IBankCardFourFactorProvider>())
        {
            missing.Add(new(DemoKey, "real-name verification provider (face, phone three-factor, bank-card four-factor): no production adapter in this build"));
        }
        if (!Registered<IPaymentGateway>())
        {
            missing.Add(new(DemoKey, "payment gateway (IPaymentGateway): no production adapter in this build"));
        }

        if (string.IsNullOrWhiteSpace(configuration[DataProtectionCertificate.PathKey]))
        {
            missing.Add(new(DataProtectionCertificate.PathKey, "Data Protection key-ring certificate"));
        }
        else
        {
            try
            {
                using var _ = DataProtectionCertificate.Load(configuration);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                missing.Add(new(DataProtectionCertificate.PathKey, $"Data Protection key-ring certificate (unusable: {e.Message})"));
            }
        }

        var tokens = configuration.GetSection("Hsm:Tokens").Get<List<string>>() ?? [];
        if (tokens.Count == 0)
        {
            missing.Add(new("Hsm:Tokens", "HSM pool (token labels)"));
        }
        var pins = SigningSetup.PinsFrom(configuration);
        foreach (var token in tokens.DefaultIfEmpty("(any)"))
        {
            if (!Has(() => pins.GetUserPin(token)))
            {
                missing.Add(new("PORTAL_HSM_PIN", $"HSM user PIN for token {token}"));
                break;
            }
        }
        // Pool keys must leave a token only under the security officer's trusted wrapping key (ADR 0017); then the
        // application never holds the wrapping secret.
        if (!configuration.GetValue<bool>("Hsm:TrustedWrapping"))
        {
            missing.Add(new("Hsm:TrustedWrapping", "HSM pool keys wrappable only under a trusted (SO-created) wrapping key"));
        }
        if (!Has(() => pins.GetIdentifierPepper()))
        {
            missing.Add(new("PORTAL_PKI_ID_PEPPER", "personal-identifier pepper (at least 32 hex digits)"));
        }
        if (!Uri.TryCreate(configuration["Pki:PublicBaseUrl"], UriKind.Absolute, out _))
        {
            missing.Add(new("Pki:PublicBaseUrl", "public base URL of the CRL and OCSP endpoints"));
        }
        return missing;
    }

    /// <summary>
    /// Outside Development: prints every missing prerequisite to standard error and returns false (the caller exits
    /// non-zero before serving).
    /// </summary>
    public static bool CheckBeforeServing(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            return true;
        }
        var missing = FindMissing(builder.Configuration, builder.Services);
        if (missing.Count == 0)
        {
            return true;
        }
        Console.Error.WriteLine($"Portal cannot start in the {builder.Environment.EnvironmentName} environment; missing:");
        foreach (var m in missing)
        {
            Console.Error.WriteLine("  " + m);
        }
        Console.Error.WriteLine($"(Development stand-ins run only in Development or with {DemoKey}=true; see the README, \"Production\".)");
        return false;
    }

    private static bool Has(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (HsmException)
        {
            return false;
        }
    }
}

/// <summary>
/// Who may read the development SMS outbox: it exists only where the outbox is the SMS sender, and answers only loopback
/// callers — anyone on loopback in Development, platform admins on loopback in a demo (<see cref="ProductionReadiness.DemoKey"/>).
/// </summary>
public sealed class OutboxAccess(bool exists, bool isDevelopment)
{
    public const string Path = "/dev/outbox";

    public bool Exists { get; } = exists;

    public bool Allows(string? remoteAddress, ClaimsPrincipal user) =>
        Exists && IPAddress.TryParse(remoteAddress, out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip)
        && (isDevelopment || user.IsInRole(PlatformRoles.PlatformAdmin));
}

/// <summary>Answers 404 on <see cref="OutboxAccess.Path"/> to every request the outbox may not serve.</summary>
internal sealed class OutboxGateMiddleware(RequestDelegate next, OutboxAccess access)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(OutboxAccess.Path, StringComparison.OrdinalIgnoreCase)
            && !access.Allows(context.Connection.RemoteIpAddress?.ToString(), context.User))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
