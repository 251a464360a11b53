using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Signing;
using Portal.Signing.Pki;

namespace Portal.Infrastructure.Signing;

/// <summary>A trusted CA as the platform page lists it.</summary>
public sealed record TrustedCaRow(string Id, string Name, string Subject, bool IsPlatform, bool FailClosed, DateTime NotAfterUtc,
    DateTime? CrlThisUpdateUtc, DateTime? CrlNextUpdateUtc, string? CrlUrl, bool CrlFresh);

/// <summary>Platform admins maintain the trust store: external CA certificates (深圳CA, CFCA …) and their CRLs.</summary>
public sealed class TrustedCaAdministration(IServiceProvider services, Access access, AuditTrail audit,
    IPortalDbContextFactory dbFactory, TimeProvider clock)
{
    public const int MaxUploadBytes = 5 * 1024 * 1024;

    public async Task<Result<IReadOnlyList<TrustedCaRow>>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (Refuse() is { } refused)
        {
            return refused;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var cas = await services.GetRequiredService<ITrustedCaStore>().ListAsync(cancellationToken);
        return cas.Select(ca =>
        {
            var cert = new X509Certificate(ca.CertificateDer);
            return new TrustedCaRow(ca.Id, ca.Name, cert.SubjectDN.ToString(), ca.IsPlatform, ca.FailClosed, cert.NotAfter.ToUniversalTime(),
                ca.CrlThisUpdateUtc, ca.CrlNextUpdateUtc, ca.CrlUrl, ca.IsPlatform || ca.CrlNextUpdateUtc > now);
        }).ToList();
    }

    /// <summary>Imports a CA certificate (DER or PEM).</summary>
    public async Task<Result> ImportCaAsync(byte[] certificate, string name, bool failClosed, string? crlUrl, CancellationToken cancellationToken = default)
    {
        if (Refuse() is { } refused)
        {
            return refused;
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            return Result.Fail(Errors.NameRequired);
        }
        if (crlUrl is { Length: > 0 } && !Uri.TryCreate(crlUrl, UriKind.Absolute, out _))
        {
            return Result.Fail(Errors.UrlInvalid);
        }
        TrustedCa ca;
        try
        {
            ca = await services.GetRequiredService<TrustStore>().ImportCaAsync(Pem.ToDer(Limit(certificate), "CERTIFICATE"), name.Trim(), failClosed,
                string.IsNullOrWhiteSpace(crlUrl) ? null : crlUrl.Trim(), cancellationToken);
        }
        catch (Exception e) when (e is CertificateException or ArgumentException or IOException or InvalidCastException or FormatException
            or InvalidOperationException)
        {
            return await RefusedAsync("pki.ca.import", name, Errors.CertificateInvalid, cancellationToken);
        }
        catch (SigningException e) when (e.Code == "pki.not_a_ca")
        {
            return await RefusedAsync("pki.ca.import", name, Errors.NotACaCertificate, cancellationToken);
        }
        await audit.RecordAsync(dbFactory, "pki.ca.import", ca.Id, AuditOutcome.Success, $"{ca.Name} fail-closed={failClosed}",
            cancellationToken: cancellationToken);
        return Result.Ok();
    }

    /// <summary>Imports a CRL (DER or PEM) of a trusted CA after checking its signature.</summary>
    public async Task<Result> ImportCrlAsync(byte[] crl, CancellationToken cancellationToken = default)
    {
        if (Refuse() is { } refused)
        {
            return refused;
        }
        TrustedCa ca;
        try
        {
            ca = await services.GetRequiredService<TrustStore>().ImportCrlAsync(Pem.ToDer(Limit(crl), "X509 CRL"), cancellationToken);
        }
        catch (Exception e) when (e is CrlException or ArgumentException or IOException or InvalidCastException or FormatException
            or InvalidOperationException)
        {
            return await RefusedAsync("pki.crl.import", "", Errors.CrlInvalid, cancellationToken);
        }
        catch (SigningException)
        {
            return await RefusedAsync("pki.crl.import", "", Errors.CrlIssuerUnknown, cancellationToken);
        }
        await audit.RecordAsync(dbFactory, "pki.crl.import", ca.Id, AuditOutcome.Success, ca.Name, cancellationToken: cancellationToken);
        return Result.Ok();
    }

    private PortalError? Refuse()
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed.Error;
        }
        return null;
    }

    private async Task<Result> RefusedAsync(string action, string target, string code, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(dbFactory, action, target, AuditOutcome.Refused, code, cancellationToken: cancellationToken);
        return Result.Fail(code);
    }

    private static byte[] Limit(byte[] data) => data.Length <= MaxUploadBytes ? data : throw new ArgumentException("too large");
}
