using Portal.Application.Common;

namespace Portal.Application.TrustedCas;

/// <summary>A CA in the trust store: the platform's own, or an external CA (深圳CA, CFCA …) a platform admin imported.</summary>
public sealed record TrustedCaEntry(string Id, string Name, string Subject, bool IsPlatform, bool FailClosed, DateTime NotAfterUtc,
    DateTime? CrlThisUpdateUtc, DateTime? CrlNextUpdateUtc, string? CrlUrl);

/// <summary>What an import changed: the CA imported, or the CA whose CRL was imported.</summary>
public sealed record TrustedCaImported(string Id, string Name);

/// <summary>The platform trust store (the one meaning of "trusted"), as the trusted-CA use cases maintain it.</summary>
public interface ITrustStoreAdministration
{
    Task<IReadOnlyList<TrustedCaEntry>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Imports a CA certificate (DER or PEM); refuses with <see cref="Errors.CertificateInvalid"/> or <see cref="Errors.NotACaCertificate"/>.</summary>
    Task<Result<TrustedCaImported>> ImportCaAsync(byte[] certificate, string name, bool failClosed, string? crlUrl,
        CancellationToken cancellationToken);

    /// <summary>Imports a CRL (DER or PEM) of a trusted CA after checking its signature; refuses with <see cref="Errors.CrlInvalid"/> or <see cref="Errors.CrlIssuerUnknown"/>.</summary>
    Task<Result<TrustedCaImported>> ImportCrlAsync(byte[] crl, CancellationToken cancellationToken);
}
