using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;
using BcContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;

namespace Portal.Signing.Cms;

/// <summary>What the cryptographic check of one detached CMS signature found.</summary>
internal sealed record CmsCheck
{
    public bool FormatOk { get; init; }
    public bool DigestOk { get; init; }
    public bool SignatureOk { get; init; }
    public X509Certificate? Signer { get; init; }
    public IReadOnlyList<X509Certificate> Certificates { get; init; } = [];
    public DateTimeOffset? SigningTimeClaimed { get; init; }
    public TimestampCheck? Timestamp { get; init; }
    public string? Error { get; init; }
}

/// <summary>The signature timestamp (RFC 3161 token in the unsigned attributes).</summary>
internal sealed record TimestampCheck(bool Valid, DateTimeOffset Time, X509Certificate? TsaCertificate, IReadOnlyList<X509Certificate> Certificates, string? Error);

/// <summary>Verifies a detached CMS SignedData over signed bytes (any digest BouncyCastle knows, SM3 included).</summary>
internal static class CmsSignatureVerifier
{
    /// <summary>Reads the DER object at the start of /Contents (the zero padding after it is ignored; NOTES).</summary>
    public static BcContentInfo ReadContentInfo(byte[] contents)
    {
        using var input = new Asn1InputStream(contents);
        return BcContentInfo.GetInstance(input.ReadObject());
    }

    public static CmsCheck Verify(byte[] contents, Func<string, byte[]> digestOfSignedBytes)
    {
        CmsSignedData cms;
        SignerInformation signer;
        if (!Asn1Nesting.Within(contents, 64))
        {
            return new CmsCheck { Error = "the signature value nests deeper than any CMS structure does" };
        }

        try
        {
            cms = new CmsSignedData(ReadContentInfo(contents));
            signer = cms.GetSignerInfos().GetSigners().Single();
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException or CmsException or InvalidCastException)
        {
            return new CmsCheck { Error = "the signature value is not a CMS SignedData with one signer: " + ex.Message };
        }

        var certs = cms.GetCertificates().EnumerateMatches(null).ToList();
        var cert = certs.FirstOrDefault(c => signer.SignerID.Match(c));
        if (cert is null)
        {
            return new CmsCheck { FormatOk = true, Certificates = certs, Error = "the signer's certificate is not in the signature" };
        }

        var digestOid = signer.DigestAlgorithmID.Algorithm.Id;
        var digest = digestOfSignedBytes(digestOid);
        var claimed = signer.SignedAttributes?[PkcsObjectIdentifiers.Pkcs9AtMessageDigest]?.AttrValues[0] as Asn1OctetString;
        var digestOk = claimed is not null && CryptographicOperations.FixedTimeEquals(claimed.GetOctets(), digest);

        bool signatureOk;
        string? error = null;
        try
        {
            signatureOk = VerifySignedAttributes(signer, cert) ?? VerifyWithBouncyCastle(contents, digestOid, digest, cert);
        }
        catch (Exception ex) when (ex is CmsException or SecurityUtilityException or InvalidOperationException or ArgumentException)
        {
            signatureOk = false;
            error = ex.Message;
        }

        DateTimeOffset? signingTime = null;
        if (signer.SignedAttributes?[PkcsObjectIdentifiers.Pkcs9AtSigningTime]?.AttrValues[0] is Asn1Encodable st)
        {
            signingTime = Org.BouncyCastle.Asn1.Cms.Time.GetInstance(st).ToDateTime();
        }

        TimestampCheck? ts = null;
        if (signer.UnsignedAttributes?[PkcsObjectIdentifiers.IdAASignatureTimeStampToken] is { } tsAttr)
        {
            ts = CheckTimestamp(tsAttr.AttrValues[0].ToAsn1Object().GetEncoded(Asn1Encodable.Der), signer.GetSignature());
        }

        return new CmsCheck
        {
            FormatOk = true,
            DigestOk = digestOk,
            SignatureOk = digestOk && signatureOk,
            Signer = cert,
            Certificates = certs,
            SigningTimeClaimed = signingTime,
            Timestamp = ts,
            Error = error,
        };
    }

    private static bool Fallback(X509Certificate tsaCert, TimeStampToken token)
    {
        token.Validate(tsaCert);
        return true;
    }

    private static bool VerifyWithBouncyCastle(byte[] contents, string digestOid, byte[] digest, X509Certificate cert)
    {
        // With precomputed hashes BouncyCastle checks the message digest and the signature over the attributes.
        var withHash = new CmsSignedData(new Dictionary<string, byte[]> { [digestOid] = digest }, ReadContentInfo(contents));
        return withHash.GetSignerInfos().GetSigners().Single().Verify(cert);
    }

    /// <summary>
    /// Verifies the signature over the signed attributes with .NET's (OpenSSL) RSA/ECDSA: BouncyCastle's managed
    /// big-integer code took ~16 ms per verification here. Null when the algorithm is not one of those (SM2 …):
    /// the caller falls back to BouncyCastle.
    /// </summary>
    private static bool? VerifySignedAttributes(SignerInformation signer, X509Certificate cert)
    {
        var attrs = signer.GetEncodedSignedAttributes();
        return attrs is null
            ? null
            : FastSignatures.Verify(cert.CertificateStructure.SubjectPublicKeyInfo.GetEncoded(), signer.SignatureAlgorithm.Algorithm.Id, signer.DigestAlgorithmID.Algorithm.Id, attrs, signer.GetSignature());
    }

    public static TimestampCheck CheckTimestamp(byte[] tokenDer, byte[] signatureValue)
    {
        try
        {
            // One parse of the token serves both the TSP view and its CMS signer.
            var tokenCms = new CmsSignedData(tokenDer);
            var token = new TimeStampToken(tokenCms);
            var certs = token.GetCertificates().EnumerateMatches(null).ToList();
            var tsaCert = certs.FirstOrDefault(c => token.SignerID.Match(c));
            var time = new DateTimeOffset(DateTime.SpecifyKind(token.TimeStampInfo.GenTime, DateTimeKind.Utc));
            if (tsaCert is null)
            {
                return new TimestampCheck(false, time, null, certs, "the TSA certificate is not in the token");
            }

            // The token's own CMS: its eContent (TSTInfo) digest and the TSA's signature, plus the TSA certificate's EKU.
            var tsaSigner = tokenCms.GetSignerInfos().GetSigners().Single();
            var tstInfo = ((Asn1OctetString)Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(tokenCms.ContentInfo.Content).EncapContentInfo.Content).GetOctets();
            var claimed = tsaSigner.SignedAttributes?[PkcsObjectIdentifiers.Pkcs9AtMessageDigest]?.AttrValues[0] as Asn1OctetString;
            var tstDigest = DigestUtilities.CalculateDigest(tsaSigner.DigestAlgorithmID.Algorithm.Id, tstInfo);
            if (claimed is null || !CryptographicOperations.FixedTimeEquals(claimed.GetOctets(), tstDigest)
                || (VerifySignedAttributes(tsaSigner, tsaCert) ?? Fallback(tsaCert, token)) != true)
            {
                return new TimestampCheck(false, time, tsaCert, certs, "the timestamp token's signature does not verify");
            }

            if (tsaCert.GetExtendedKeyUsage()?.Any(o => o.Id == "1.3.6.1.5.5.7.3.8") != true)
            {
                return new TimestampCheck(false, time, tsaCert, certs, "the TSA certificate lacks the timeStamping extended key usage");
            }
            var imprintAlg = token.TimeStampInfo.MessageImprintAlgOid;
            var expected = DigestUtilities.CalculateDigest(imprintAlg, signatureValue);
            if (!CryptographicOperations.FixedTimeEquals(expected, token.TimeStampInfo.GetMessageImprintDigest()))
            {
                return new TimestampCheck(false, time, tsaCert, certs, "the timestamp is over other data than this signature");
            }

            return new TimestampCheck(true, time, tsaCert, certs, null);
        }
        catch (Exception ex) when (ex is TspException or TspValidationException or CmsException or IOException or ArgumentException or InvalidOperationException)
        {
            return new TimestampCheck(false, DateTimeOffset.MinValue, null, [], "timestamp token invalid: " + ex.Message);
        }
    }
}

/// <summary>
/// RSA/ECDSA verification through .NET (OpenSSL): BouncyCastle's managed big-integer code took ~16 ms per
/// verification on these machines. Null when the algorithm is not one of these (SM2 …): use BouncyCastle then.
/// </summary>
internal static class FastSignatures
{
    public static bool? Verify(byte[] spki, string signatureOid, string? digestOid, byte[] data, byte[] signature)
    {
        var hash = (digestOid ?? signatureOid) switch
        {
            "2.16.840.1.101.3.4.2.1" or "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" or "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" or "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
            _ => (HashAlgorithmName?)null,
        };
        if (hash is null)
        {
            return null;
        }

        try
        {
            switch (signatureOid)
            {
                case "1.2.840.113549.1.1.1":
                case "1.2.840.113549.1.1.11":
                case "1.2.840.113549.1.1.12":
                case "1.2.840.113549.1.1.13":
                case "1.2.840.113549.1.1.10":
                    {
                        var rsa = (RSA)KeyOf(spki, rsa: true);
                        var padding = signatureOid == "1.2.840.113549.1.1.10" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
                        return rsa.VerifyData(data, signature, hash.Value, padding);
                    }

                case "1.2.840.10045.4.3.2":
                case "1.2.840.10045.4.3.3":
                case "1.2.840.10045.4.3.4":
                case "1.2.840.10045.2.1":
                    {
                        var ec = (ECDsa)KeyOf(spki, rsa: false);
                        return ec.VerifyData(data, signature, hash.Value, DSASignatureFormat.Rfc3279DerSequence);
                    }

                default:
                    return null;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // Public keys seen lately (a seal, the TSA, a CA sign many signatures): importing one costs more than verifying with it.
    // Public keys only, bounded, and verification with an imported key is safe from several threads.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, AsymmetricAlgorithm> Keys = new();

    private static AsymmetricAlgorithm KeyOf(byte[] spki, bool rsa)
    {
        var id = (rsa ? "r:" : "e:") + Convert.ToBase64String(spki);
        if (Keys.TryGetValue(id, out var key))
        {
            return key;
        }

        AsymmetricAlgorithm created = rsa ? RSA.Create() : ECDsa.Create();
        try
        {
            if (created is RSA r)
            {
                r.ImportSubjectPublicKeyInfo(spki, out _);
            }
            else
            {
                ((ECDsa)created).ImportSubjectPublicKeyInfo(spki, out _);
            }
        }
        catch
        {
            created.Dispose();
            throw;
        }

        if (Keys.Count >= 256)
        {
            // Not disposed: another thread may be verifying with one of them; the collector frees them.
            Keys.Clear();
        }

        return Keys.GetOrAdd(id, created);
    }
}
