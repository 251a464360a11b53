using System.Diagnostics;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using BcAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using BcContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using IssuerAndSerialNumber = Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace Portal.Signing.Cms;

/// <summary>Time spent in the two remote steps of building a CMS signature.</summary>
public sealed record CmsTimings(TimeSpan Sign, TimeSpan Timestamp);

/// <summary>
/// Builds a detached CAdES (PAdES baseline) SignedData over a SHA-256 document digest: signed attributes
/// content-type, message-digest and signing-certificate-v2 (no signing-time: PAdES forbids it), the
/// chain, and the TSA token as an unsigned attribute (B-T).
/// </summary>
/// <remarks>
/// The ASN.1 is assembled directly rather than through CmsSignedDataGenerator + ISignatureFactory
/// because the key signs asynchronously (an HSM round trip) and BouncyCastle's calculators are
/// synchronous: this way no thread blocks on the pool.
/// </remarks>
public static class CadesSignedDataBuilder
{
    private static readonly AlgorithmIdentifier Sha256 = new(NistObjectIdentifiers.IdSha256, DerNull.Instance);

    /// <summary>Returns the DER ContentInfo to put in /Contents.</summary>
    public static async Task<(byte[] Der, CmsTimings Timings)> BuildAsync(
        byte[] documentDigest,
        ISigningKey key,
        ITimestampAuthority? tsa,
        CancellationToken cancellationToken = default)
    {
        if (key.CertificateChain.Count == 0)
        {
            throw new SigningException("cms.no_certificate", "The signing key has no certificate.");
        }

        var cert = key.CertificateChain[0];
        var certHash = SHA256.HashData(cert.GetEncoded());
        var issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(cert.IssuerDN)), new DerInteger(cert.SerialNumber));
        var signingCertV2 = new SigningCertificateV2([new EssCertIDv2(certHash, issuerSerial)]);

        var attrs = new Asn1EncodableVector
        {
            new BcAttribute(PkcsObjectIdentifiers.Pkcs9AtContentType, new DerSet(CmsObjectIdentifiers.Data)),
            new BcAttribute(PkcsObjectIdentifiers.Pkcs9AtMessageDigest, new DerSet(new DerOctetString(documentDigest))),
            new BcAttribute(PkcsObjectIdentifiers.IdAASigningCertificateV2, new DerSet(signingCertV2)),
        };
        var signedAttrs = new DerSet(attrs);
        var toBeSigned = SHA256.HashData(signedAttrs.GetEncoded(Asn1Encodable.Der));

        var sw = Stopwatch.StartNew();
        var signature = await key.SignDigestAsync(toBeSigned, cancellationToken).ConfigureAwait(false);
        var signTime = sw.Elapsed;

        Asn1Set? unsigned = null;
        var tsTime = TimeSpan.Zero;
        if (tsa is not null)
        {
            sw.Restart();
            var token = await tsa.TimestampAsync(SHA256.HashData(signature), cancellationToken).ConfigureAwait(false);
            tsTime = sw.Elapsed;
            var tokenObj = Asn1Object.FromByteArray(token);
            unsigned = new DerSet(new BcAttribute(PkcsObjectIdentifiers.IdAASignatureTimeStampToken, new DerSet(tokenObj)));
        }

        var signerInfo = new SignerInfo(
            new SignerIdentifier(new IssuerAndSerialNumber(cert.IssuerDN, cert.SerialNumber)),
            Sha256,
            signedAttrs,
            SignatureAlgorithm(key.Scheme),
            new DerOctetString(signature),
            unsigned);

        var certs = new Asn1EncodableVector();
        foreach (var c in key.CertificateChain)
        {
            certs.Add(c.CertificateStructure);
        }

        var signedData = new SignedData(
            new DerSet(Sha256),
            new BcContentInfo(CmsObjectIdentifiers.Data, null),
            new DerSet(certs),
            null,
            new DerSet(signerInfo));
        var der = new BcContentInfo(CmsObjectIdentifiers.SignedData, signedData).GetEncoded(Asn1Encodable.Der);
        return (der, new CmsTimings(signTime, tsTime));
    }

    internal static AlgorithmIdentifier SignatureAlgorithm(SignatureScheme scheme) => scheme switch
    {
        SignatureScheme.RsaPkcs1Sha256 => new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance),
        SignatureScheme.RsaPssSha256 => new AlgorithmIdentifier(
            PkcsObjectIdentifiers.IdRsassaPss,
            new RsassaPssParameters(
                Sha256,
                new AlgorithmIdentifier(PkcsObjectIdentifiers.IdMgf1, Sha256),
                DerInteger.ValueOf(32),
                DerInteger.ValueOf(1))),
        SignatureScheme.EcdsaSha256 => new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha256),
        _ => throw new SigningException("cms.unsupported_scheme", $"Unsupported signature scheme {scheme}."),
    };
}
