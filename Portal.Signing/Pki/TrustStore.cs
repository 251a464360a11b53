using Org.BouncyCastle.Security;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;
using Portal.Signing.Pdf.Verification;

namespace Portal.Signing.Pki;

/// <summary>Outcome of checking a certificate against the trust store.</summary>
public enum TrustStatus
{
    /// <summary>Chains to a trusted CA and no certificate on the path is revoked (fresh revocation data).</summary>
    Trusted,

    /// <summary>Chains to a trusted CA, but for some certificate on the path there is no fresh CRL.</summary>
    RevocationUnknown,

    /// <summary>A certificate on the path is revoked.</summary>
    Revoked,

    /// <summary>No valid path to a trusted CA (unknown issuer, expired, bad signature).</summary>
    Untrusted,
}

/// <summary>The result of <see cref="TrustStore.CheckAsync"/>; <see cref="IsAcceptable"/> applies the fail-open/fail-closed policy of the CA.</summary>
public sealed record TrustResult(TrustStatus Status, bool IsAcceptable, IReadOnlyList<X509Certificate> Path, string? TrustedCaId, string? Detail);

/// <summary>Platform roots plus imported external CAs and their CRLs; decides whether a signer certificate is trusted.</summary>
public sealed class TrustStore(ITrustedCaStore store, IRevocationStore platformRevocations, TimeProvider? time = null) : IRevocationStatusProvider
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Imports an external CA certificate (root or intermediate); fail-closed makes "revocation unknown" unacceptable for it.</summary>
    public async Task<TrustedCa> ImportCaAsync(byte[] certificateDer, string name, bool failClosed = false, string? crlUrl = null, CancellationToken cancellationToken = default)
    {
        var certificate = new X509Certificate(certificateDer);
        if (certificate.GetBasicConstraints() < 0)
        {
            throw new SigningException("pki.not_a_ca", $"{certificate.SubjectDN} is not a CA certificate.");
        }

        var ca = new TrustedCa(IdOf(certificate), name, certificate.GetEncoded(), IsPlatform: false, failClosed, CrlUrl: crlUrl);
        await store.SaveAsync(ca, cancellationToken);
        return ca;
    }

    /// <summary>Imports a CRL of a trusted CA after checking its signature; returns the CA it belongs to.</summary>
    public async Task<TrustedCa> ImportCrlAsync(byte[] crlDer, CancellationToken cancellationToken = default)
    {
        var crl = new X509Crl(crlDer);
        foreach (var ca in await store.ListAsync(cancellationToken))
        {
            var certificate = new X509Certificate(ca.CertificateDer);
            if (!certificate.SubjectDN.Equivalent(crl.IssuerDN))
            {
                continue;
            }

            try
            {
                crl.Verify(certificate.GetPublicKey());
            }
            catch (Exception e) when (e is InvalidKeyException or SignatureException or CrlException)
            {
                continue;
            }

            if (ca.CrlThisUpdateUtc is { } current && current > crl.ThisUpdate.ToUniversalTime())
            {
                return ca; // older than what we have: keep the newer one
            }

            var updated = ca with { CrlDer = crl.GetEncoded(), CrlThisUpdateUtc = crl.ThisUpdate.ToUniversalTime(), CrlNextUpdateUtc = crl.NextUpdate?.ToUniversalTime() };
            await store.SaveAsync(updated, cancellationToken);
            return updated;
        }

        throw new SigningException("pki.crl_issuer_unknown", $"The CRL of {crl.IssuerDN} is not signed by a trusted CA.");
    }

    /// <summary>Fetches the CRL of every CA that has a <see cref="TrustedCa.CrlUrl"/> and imports it; unreachable URLs are reported, not thrown.</summary>
    public async Task<IReadOnlyList<(string CaId, string? Error)>> RefreshCrlsAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        var results = new List<(string, string?)>();
        foreach (var ca in await store.ListAsync(cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(ca.CrlUrl))
            {
                continue;
            }

            try
            {
                var der = await http.GetByteArrayAsync(ca.CrlUrl, cancellationToken);
                var imported = await ImportCrlAsync(der, cancellationToken);
                results.Add((ca.Id, imported.Id == ca.Id ? null : $"CRL at {ca.CrlUrl} belongs to {imported.Name}"));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SigningException or IOException or CrlException or ArgumentException)
            {
                // Stays "revocation unknown" once the old CRL expires: shown and audited by the caller.
                results.Add((ca.Id, e.Message));
            }
        }

        return results;
    }

    /// <summary>Builds a path from <paramref name="certificate"/> to a trusted root and checks revocation along it.</summary>
    public async Task<TrustResult> CheckAsync(X509Certificate certificate, IEnumerable<X509Certificate>? intermediates = null, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var cas = await LoadAsync(cancellationToken);
        var built = CertificatePaths.Build(certificate, cas.Select(c => c.Cert).Concat(intermediates ?? []), cas.Select(c => c.Cert), now);
        if (!built.Trusted)
        {
            return new TrustResult(TrustStatus.Untrusted, false, [certificate], null, built.Error);
        }

        var path = built.Certificates;
        var anchorCa = cas.First(c => c.Cert.Equals(built.Anchor)).Ca;
        var unknown = new List<string>();
        var failClosed = false;
        for (var i = 0; i < path.Count - 1; i++)
        {
            var (status, owner) = await LinkStatusAsync(path[i], path[i + 1], cas, anchorCa, now, cancellationToken);
            if (status.State == RevocationState.Revoked)
            {
                return new TrustResult(TrustStatus.Revoked, false, path, anchorCa.Id, status.Reason);
            }

            if (status.State == RevocationState.Unknown)
            {
                unknown.Add(path[i + 1].SubjectDN.ToString());
                failClosed |= owner.FailClosed;
            }
        }

        return unknown.Count == 0
            ? new TrustResult(TrustStatus.Trusted, true, path, anchorCa.Id, null)
            : new TrustResult(TrustStatus.RevocationUnknown, !failClosed, path, anchorCa.Id, "No fresh CRL for: " + string.Join("; ", unknown));
    }

    /// <summary>
    /// The revocation status of one link as this store knows it (the platform's revocation store, or the issuer's imported
    /// CRL while fresh): the same answer <see cref="CheckAsync"/> acts on, for the PDF verifier.
    /// </summary>
    public async Task<RevocationStatus> GetStatusAsync(X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken = default)
    {
        var cas = await LoadAsync(cancellationToken);
        var issuerCa = cas.FirstOrDefault(c => c.Cert.Equals(issuer)).Ca;
        if (issuerCa is null)
        {
            return new RevocationStatus(RevocationState.Unknown, Reason: $"{issuer.SubjectDN} is not a CA of the trust store");
        }

        return (await LinkStatusAsync(certificate, issuer, cas, issuerCa, _time.GetUtcNow().UtcDateTime, cancellationToken)).Status;
    }

    /// <summary>The options under which the PDF verifier trusts exactly what this store trusts and asks it about revocation.</summary>
    public async Task<PdfVerificationOptions> VerificationOptionsAsync(DateTimeOffset? validationTime = null, CancellationToken cancellationToken = default)
    {
        var cas = await LoadAsync(cancellationToken);
        return new PdfVerificationOptions
        {
            TrustAnchors = cas.Select(c => c.Cert).Where(CertificatePaths.IsSelfSigned).ToList(),
            Intermediates = cas.Select(c => c.Cert).Where(c => !CertificatePaths.IsSelfSigned(c)).ToList(),
            Revocation = this,
            ValidationTime = validationTime,
        };
    }

    private async Task<List<(TrustedCa Ca, X509Certificate Cert)>> LoadAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).Select(c => (Ca: c, Cert: new X509Certificate(c.CertificateDer))).ToList();

    private async Task<(RevocationStatus Status, TrustedCa CrlOwner)> LinkStatusAsync(
        X509Certificate subject, X509Certificate issuer, List<(TrustedCa Ca, X509Certificate Cert)> cas, TrustedCa anchorCa, DateTime now, CancellationToken cancellationToken)
    {
        var issuerCa = cas.FirstOrDefault(c => c.Cert.Equals(issuer)).Ca;
        if (issuerCa?.IsPlatform == true || (issuerCa is null && anchorCa.IsPlatform))
        {
            // The platform's own CAs: the revocation store is the source of truth, always fresh.
            // The path is already validated, so a name check tells the root from the issuing CA.
            var issuerId = issuer.SubjectDN.Equivalent(issuer.IssuerDN) ? PlatformCa.RootId : PlatformCa.IssuingId;
            return await platformRevocations.FindAsync(issuerId, PlatformCa.SerialHex(subject.SerialNumber), cancellationToken) is { } r
                ? (new RevocationStatus(RevocationState.Revoked, Utc(r.RevokedAtUtc), $"{subject.SubjectDN} revoked {r.RevokedAtUtc:u} ({r.Reason})"), issuerCa ?? anchorCa)
                : (RevocationStatus.Good, issuerCa ?? anchorCa);
        }

        var crlOwner = issuerCa ?? anchorCa;
        if (issuerCa?.CrlDer is null || issuerCa.CrlNextUpdateUtc is not { } next || next < now)
        {
            return (new RevocationStatus(RevocationState.Unknown, Reason: $"no fresh CRL for {issuer.SubjectDN}"), crlOwner);
        }

        var crl = new X509Crl(issuerCa.CrlDer);
        return crl.GetRevokedCertificate(subject.SerialNumber) is { } entry
            ? (new RevocationStatus(RevocationState.Revoked, Utc(entry.RevocationDate), $"{subject.SubjectDN} revoked {entry.RevocationDate:u} per CRL of {crlOwner.Name}"), crlOwner)
            : (RevocationStatus.Good, crlOwner);
    }

    private static DateTimeOffset Utc(DateTime t) => new(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private static string IdOf(X509Certificate c) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(c.GetEncoded()))[..32];
}
