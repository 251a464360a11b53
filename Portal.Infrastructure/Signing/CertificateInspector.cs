using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;
using Portal.Application.Bindings;
using Portal.Application.Domain;
using Portal.Signing.Pki;

namespace Portal.Infrastructure.Signing;

/// <summary>
/// Application's certificate port over BouncyCastle and the database-backed trust store. Works without an
/// HSM pool: checking an external certificate needs only the trusted CAs and their CRLs.
/// </summary>
internal sealed class CertificateInspector(EfPkiStores stores, TimeProvider clock) : ICertificateInspector
{
    private readonly TrustStore _trust = new(stores, stores, clock);

    public CertificateFacts? Read(byte[] file)
    {
        X509Certificate cert;
        try
        {
            cert = new X509Certificate(Pem.ToDer(file, "CERTIFICATE"));
        }
        catch (Exception e) when (e is CertificateException or ArgumentException or IOException or InvalidCastException or FormatException
            or InvalidOperationException)
        {
            return null;
        }
        var der = cert.GetEncoded();
        var cn = cert.SubjectDN.GetValueList(X509Name.CN).FirstOrDefault() ?? cert.SubjectDN.ToString();
        var key = cert.GetPublicKey();
        var algorithm = key switch
        {
            RsaKeyParameters rsa => $"RSA-{rsa.Modulus.BitLength}",
            ECPublicKeyParameters ec => $"EC-{ec.Parameters.Curve.FieldSize}",
            _ => key.GetType().Name,
        };
        return new CertificateFacts(der, Convert.ToHexString(SHA256.HashData(der)), cert.SerialNumber.ToString(16).ToUpperInvariant(),
            cert.SubjectDN.ToString(), cert.IssuerDN.ToString(), cn, cert.NotBefore.ToUniversalTime(), cert.NotAfter.ToUniversalTime(),
            algorithm, cert.GetBasicConstraints() >= 0);
    }

    public async Task<CertificateTrust> CheckTrustAsync(byte[] der, CancellationToken cancellationToken = default)
    {
        var result = await _trust.CheckAsync(new X509Certificate(der), null, cancellationToken);
        string? caName = null;
        if (result.TrustedCaId is { } id)
        {
            caName = (await stores.ListAsync(cancellationToken)).FirstOrDefault(c => c.Id == id)?.Name;
        }
        var status = result.Status switch
        {
            TrustStatus.Trusted => CertificateTrustStatus.Trusted,
            TrustStatus.RevocationUnknown => CertificateTrustStatus.RevocationUnknown,
            TrustStatus.Revoked => CertificateTrustStatus.Revoked,
            _ => CertificateTrustStatus.Untrusted,
        };
        return new CertificateTrust(status, result.IsAcceptable, caName, result.Detail);
    }

    public bool VerifyPossession(byte[] der, byte[] message, byte[] signature)
    {
        var key = new X509Certificate(der).GetPublicKey();
        // What UKey middleware produces: PKCS#1 v1.5 or PSS for RSA; DER or raw r||s for ECDSA; SM2 for 国密 certificates.
        string[] algorithms = key switch
        {
            RsaKeyParameters => ["SHA256WITHRSA", "SHA256WITHRSAANDMGF1"],
            ECPublicKeyParameters => ["SHA256WITHECDSA", "SHA256WITHPLAIN-ECDSA", "SM3WITHSM2"],
            _ => [],
        };
        foreach (var algorithm in algorithms)
        {
            try
            {
                var verifier = SignerUtilities.GetSigner(algorithm);
                verifier.Init(false, key);
                verifier.BlockUpdate(message, 0, message.Length);
                if (verifier.VerifySignature(signature))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is CryptoException or ArgumentException or InvalidOperationException or InvalidCastException)
            {
                // Not this algorithm's encoding: try the next.
            }
        }
        return false;
    }
}

/// <summary>DER or PEM ("-----BEGIN {label}-----") to DER.</summary>
internal static class Pem
{
    public static byte[] ToDer(byte[] data, string label)
    {
        var text = System.Text.Encoding.ASCII.GetString(data);
        var begin = text.IndexOf("-----BEGIN " + label, StringComparison.Ordinal);
        if (begin < 0)
        {
            return data;
        }
        var start = text.IndexOf('\n', begin) + 1;
        var end = text.IndexOf("-----END", start, StringComparison.Ordinal);
        if (start <= 0 || end < 0)
        {
            throw new ArgumentException("broken PEM");
        }
        return Convert.FromBase64String(text[start..end].Replace("\r", "").Replace("\n", ""));
    }
}
