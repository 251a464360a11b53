using Org.BouncyCastle.X509;
using Portal.Signing.Pdf;

namespace Portal.Signing.Pki;

/// <summary>
/// The validation material of a signature made with a platform certificate, produced in process (no HTTP): the chain and the
/// TSA's certificate, the OCSP responses of the issuing CA for the signer and the TSA, and the CRLs of the issuing CA and
/// the root (the latter covers the issuing CA).
/// </summary>
public sealed class PlatformValidationMaterial(PlatformCa ca) : IValidationMaterialSource
{
    public async Task<ValidationMaterial> CollectAsync(IReadOnlyList<X509Certificate> signerChain, CancellationToken cancellationToken = default)
    {
        var issuing = ca.IssuingCertificate;
        var certs = new List<X509Certificate>(signerChain) { ca.TimestampCertificate, issuing, ca.RootCertificate };
        var ders = new List<byte[]>();
        foreach (var c in certs)
        {
            var der = c.GetEncoded();
            if (!ders.Exists(d => d.AsSpan().SequenceEqual(der)))
            {
                ders.Add(der);
            }
        }

        var responder = new OcspResponder(ca);
        var ocsps = new List<byte[]>();
        foreach (var endEntity in new[] { signerChain[0], ca.TimestampCertificate })
        {
            // Only certificates the issuing CA signed: its responder answers for nothing else.
            if (endEntity.IssuerDN.Equivalent(issuing.SubjectDN) && IssuedBy(endEntity, issuing))
            {
                ocsps.Add(await responder.RespondAsync(OcspResponder.CreateRequest(endEntity, issuing), cancellationToken));
            }
        }

        var crls = new List<byte[]>
        {
            await ca.GetCrlAsync(PlatformCa.IssuingId, cancellationToken),
            await ca.GetCrlAsync(PlatformCa.RootId, cancellationToken),
        };
        return new ValidationMaterial(ders, ocsps, crls);
    }

    private static bool IssuedBy(X509Certificate certificate, X509Certificate issuer)
    {
        try
        {
            certificate.Verify(issuer.GetPublicKey());
            return true;
        }
        catch (Exception ex) when (ex is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.Certificates.CertificateException or Org.BouncyCastle.Security.SignatureException)
        {
            return false;
        }
    }
}
