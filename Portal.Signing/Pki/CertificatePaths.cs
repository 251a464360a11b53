using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Store;

namespace Portal.Signing.Pki;

/// <summary>A certification path from a certificate up to (and including) its trust anchor, or why there is none.</summary>
public sealed record CertificatePath(IReadOnlyList<X509Certificate> Certificates, X509Certificate? Anchor, string? Error)
{
    /// <summary>True when the path ends at one of the anchors it was built against.</summary>
    public bool Trusted => Anchor is not null;
}

/// <summary>
/// The one chain builder (RFC 5280 PKIX through BouncyCastle) that the trust store and the PDF verifier share, so
/// "chains to a trusted anchor" means the same thing everywhere.
/// </summary>
public static class CertificatePaths
{
    /// <summary>Builds and validates a path from <paramref name="certificate"/> to one of <paramref name="anchors"/> at <paramref name="atUtc"/>.</summary>
    public static CertificatePath Build(X509Certificate certificate, IEnumerable<X509Certificate> intermediates, IEnumerable<X509Certificate> anchors, DateTime atUtc)
    {
        var anchorSet = anchors.Where(IsSelfSigned).Distinct().ToList();
        if (anchorSet.Contains(certificate))
        {
            return new CertificatePath([certificate], certificate, null);
        }

        var pool = intermediates.Append(certificate).Concat(anchorSet).Distinct().ToList();
        try
        {
            var parameters = new PkixBuilderParameters(anchorSet.Select(a => new TrustAnchor(a, null)).ToHashSet(), new X509CertStoreSelector { Certificate = certificate })
            {
                IsRevocationEnabled = false, // revocation is the caller's decision (trust store policy, timestamp as proof of existence)
                Date = atUtc,
            };
            parameters.AddStoreCert(CollectionUtilities.CreateStore(pool));
            var built = new PkixCertPathBuilder().Build(parameters);
            var anchor = built.TrustAnchor.TrustedCert;
            return new CertificatePath(built.CertPath.Certificates.Append(anchor).ToList(), anchor, null);
        }
        catch (Exception e) when (e is PkixCertPathBuilderException or ArgumentException)
        {
            return new CertificatePath([certificate], null, e.Message);
        }
    }

    /// <summary>True for a certificate whose issuer is itself and whose signature its own key verifies.</summary>
    public static bool IsSelfSigned(X509Certificate c)
    {
        if (!c.SubjectDN.Equivalent(c.IssuerDN))
        {
            return false;
        }

        try
        {
            c.Verify(c.GetPublicKey());
            return true;
        }
        catch (Exception e) when (e is InvalidKeyException or SignatureException or CertificateException)
        {
            return false;
        }
    }
}
