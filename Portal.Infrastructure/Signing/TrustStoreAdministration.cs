using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;
using Portal.Application.Common;
using Portal.Application.TrustedCas;
using Portal.Signing;
using Portal.Signing.Pki;

namespace Portal.Infrastructure.Signing;

/// <summary>Adapts Portal.Signing's <see cref="TrustStore"/> and its database store to the trusted-CA use cases.</summary>
internal sealed class TrustStoreAdministration(ITrustedCaStore store, TrustStore trustStore) : ITrustStoreAdministration
{
    public async Task<IReadOnlyList<TrustedCaEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var cas = await store.ListAsync(cancellationToken);
        return cas.Select(ca =>
        {
            var cert = new X509Certificate(ca.CertificateDer);
            return new TrustedCaEntry(ca.Id, ca.Name, cert.SubjectDN.ToString(), ca.IsPlatform, ca.FailClosed, cert.NotAfter.ToUniversalTime(),
                ca.CrlThisUpdateUtc, ca.CrlNextUpdateUtc, ca.CrlUrl);
        }).ToList();
    }

    public async Task<Result<TrustedCaImported>> ImportCaAsync(byte[] certificate, string name, bool failClosed, string? crlUrl,
        CancellationToken cancellationToken)
    {
        TrustedCa ca;
        try
        {
            ca = await trustStore.ImportCaAsync(Pem.ToDer(certificate, "CERTIFICATE"), name, failClosed, crlUrl, cancellationToken);
        }
        catch (Exception e) when (e is CertificateException or ArgumentException or IOException or InvalidCastException or FormatException
            or InvalidOperationException)
        {
            return Result<TrustedCaImported>.Fail(Errors.CertificateInvalid);
        }
        catch (SigningException e) when (e.Code == "pki.not_a_ca")
        {
            return Result<TrustedCaImported>.Fail(Errors.NotACaCertificate);
        }
        return new TrustedCaImported(ca.Id, ca.Name);
    }

    public async Task<Result<TrustedCaImported>> ImportCrlAsync(byte[] crl, CancellationToken cancellationToken)
    {
        TrustedCa ca;
        try
        {
            ca = await trustStore.ImportCrlAsync(Pem.ToDer(crl, "X509 CRL"), cancellationToken);
        }
        catch (Exception e) when (e is CrlException or ArgumentException or IOException or InvalidCastException or FormatException
            or InvalidOperationException)
        {
            return Result<TrustedCaImported>.Fail(Errors.CrlInvalid);
        }
        catch (SigningException)
        {
            return Result<TrustedCaImported>.Fail(Errors.CrlIssuerUnknown);
        }
        return new TrustedCaImported(ca.Id, ca.Name);
    }
}
