using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using Portal.Application.Certificates;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Web.Hosting;

/// <summary>Configuration section <c>CertificateLogin</c>: the second HTTPS endpoint that asks browsers for a client certificate.</summary>
public sealed class CertificateLoginOptions
{
    public bool Enabled { get; set; }

    /// <summary>Port of the certificate endpoint (0: any free port, for tests).</summary>
    public int Port { get; set; } = 5443;

    /// <summary>Address to listen on (default loopback; "*" for every interface).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>PKCS#12 server certificate (e.g. issued by the platform CA); without it a development certificate is made at start.</summary>
    public string? ServerCertificatePath { get; set; }

    public string? ServerCertificatePassword { get; set; }

    /// <summary>The main site's origin when the browser does not say it (e.g. http://127.0.0.1:5080).</summary>
    public string? MainSiteUrl { get; set; }
}

/// <summary>
/// 证书登录 over a second Kestrel endpoint. The TLS handshake asks for a client certificate (allowed, not
/// required, so a browser without one still reaches the page that says "无法获取证书"); the
/// <see cref="ClientCertificateAuthenticationHandler"/> turns it into an identity; the Application use case
/// decides (trust, revocation, binding, personal vs organization) and issues a one-time ticket that the main
/// site redeems to set its own cookie — the two endpoints are different origins.
/// </summary>
public static class CertificateLoginEndpoint
{
    public const string Scheme = "ClientCertificate";
    public const string StateCookie = "Portal.CertificateLogin.State";
    private const string ConnectionMarker = "Portal.CertificateLogin";

    public static WebApplicationBuilder AddCertificateLogin(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("CertificateLogin");
        builder.Services.Configure<CertificateLoginOptions>(section);
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ClientCertificateAuthenticationHandler>(Scheme, null);
        var options = section.Get<CertificateLoginOptions>() ?? new CertificateLoginOptions();
        if (!options.Enabled)
        {
            return builder;
        }
        var mainUrls = (builder.Configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Listening explicitly replaces the configured URLs: listen on them again, then add the certificate endpoint.
            foreach (var url in mainUrls)
            {
                var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
                if (uri.Scheme != Uri.UriSchemeHttp)
                {
                    throw new InvalidOperationException($"With certificate login on, main URLs must be http (got {url}); put TLS in front or configure Kestrel endpoints.");
                }
                Listen(kestrel, uri.Host, uri.Port, null);
            }
            var certificate = LoadServerCertificate(options);
            Listen(kestrel, options.Address, options.Port, listen =>
            {
                listen.Use(next => connection =>
                {
                    connection.Items[ConnectionMarker] = true;
                    return next(connection);
                });
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                    // Trust, revocation and binding are decided by the portal's trust store, not the OS store.
                    ClientCertificateValidation = (_, _, _) => true,
                });
            });
        });
        return builder;
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, Action<ListenOptions>? configure)
    {
        configure ??= _ => { };
        if (host is "localhost")
        {
            kestrel.ListenLocalhost(port, configure);
        }
        else if (host is "*" or "0.0.0.0" or "[::]")
        {
            kestrel.ListenAnyIP(port, configure);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(host.Trim('[', ']')), port, configure);
        }
    }

    private static X509Certificate2 LoadServerCertificate(CertificateLoginOptions options)
    {
        if (!string.IsNullOrEmpty(options.ServerCertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(options.ServerCertificatePath, options.ServerCertificatePassword);
        }
        // Development: a fresh self-signed certificate per start, like `dotnet dev-certs` (browsers warn once).
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Portal certificate login (development)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(self.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Whether the request came in on the certificate endpoint.</summary>
    public static bool IsCertificateEndpoint(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(ConnectionMarker) == true;

    /// <summary>The certificate endpoint serves only its own path; everything else there is not found.</summary>
    public static IApplicationBuilder UseCertificateLoginIsolation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsCertificateEndpoint(context) && !context.Request.Path.StartsWithSegments("/certificate-login"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next(context);
    });

    public static IEndpointRouteBuilder MapCertificateLogin(this IEndpointRouteBuilder endpoints)
    {
        // On the certificate endpoint: check the certificate, hand a ticket (or the refusal) back to the main site.
        endpoints.MapGet("/certificate-login/start", async (HttpContext context, string? state, string? returnUrl, IssueCertificateLoginTicket issue,
            IOptions<CertificateLoginOptions> options, CancellationToken ct) =>
        {
            var main = MainOrigin(context, returnUrl, options.Value);
            if (!IsCertificateEndpoint(context) || main is null)
            {
                return Results.NotFound();
            }
            var authenticated = await context.AuthenticateAsync(Scheme);
            var der = authenticated.Principal?.FindFirstValue(ClientCertificateAuthenticationHandler.CertificateClaim) is { } b64
                ? Convert.FromBase64String(b64) : null;
            var ticket = await issue.ExecuteAsync(der, state ?? "", ct);
            return Results.Redirect(ticket.Succeeded
                ? $"{main}/account/certificate-login/redeem?ticket={Uri.EscapeDataString(ticket.Value!.Token)}"
                : $"{main}/account/certificate-login?error={Uri.EscapeDataString(ticket.Error!.Code)}&arg={Uri.EscapeDataString(ticket.Error.Args.FirstOrDefault()?.ToString() ?? "")}");
        }).RequireRateLimiting(RateLimitPolicies.CertificateLogin);

        // On the main site: redeem once, from the browser holding the state cookie, and sign in.
        endpoints.MapGet("/account/certificate-login/redeem", async (HttpContext context, string? ticket, RedeemCertificateLoginTicket redeem,
            UserManager<PortalUser> users, SignInManager<PortalUser> signIn, CancellationToken ct) =>
        {
            if (IsCertificateEndpoint(context))
            {
                return Results.NotFound();
            }
            var state = context.Request.Cookies[StateCookie];
            context.Response.Cookies.Delete(StateCookie);
            var redeemed = await redeem.ExecuteAsync(ticket, state, ct);
            var user = redeemed.Succeeded ? await users.FindByIdAsync(redeemed.Value.ToString()) : null;
            if (user is null)
            {
                return Results.LocalRedirect("~/account/certificate-login?error=" + Errors.LoginTicketInvalid);
            }
            await signIn.SignOutAsync();
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "certificate");
            return Results.LocalRedirect("~/");
        }).RequireRateLimiting(RateLimitPolicies.CertificateLogin);
        return endpoints;
    }

    /// <summary>
    /// Where to send the browser back: the origin the login page passed, if it names the same host as this
    /// request (any port) or the configured main site; never an arbitrary site.
    /// </summary>
    internal static string? MainOrigin(HttpContext context, string? returnUrl, CertificateLoginOptions options)
    {
        if (Uri.TryCreate(returnUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && (string.Equals(uri.Host, context.Request.Host.Host, StringComparison.OrdinalIgnoreCase)
                || (options.MainSiteUrl is { } configured && Uri.TryCreate(configured, UriKind.Absolute, out var c)
                    && string.Equals(c.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))))
        {
            return uri.GetLeftPart(UriPartial.Authority);
        }
        return options.MainSiteUrl?.TrimEnd('/');
    }
}

/// <summary>
/// ASP.NET Core authentication from the TLS client certificate (Microsoft.AspNetCore.Authentication.Certificate
/// is not served to us): no certificate, no result; a certificate becomes an identity carrying the DER
/// certificate, which the certificate-login use case then checks against the portal's trust store and bindings.
/// </summary>
internal sealed class ClientCertificateAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string CertificateClaim = "portal:client-certificate";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var certificate = await Context.Connection.GetClientCertificateAsync(Context.RequestAborted);
        if (certificate is null)
        {
            return AuthenticateResult.NoResult();
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Thumbprint, certificate.GetCertHashString(HashAlgorithmName.SHA256)),
            new Claim(ClaimTypes.X500DistinguishedName, certificate.SubjectName.Name),
            new Claim(CertificateClaim, Convert.ToBase64String(certificate.RawData)),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
