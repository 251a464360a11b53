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
            // With precomputed hashes BouncyCastle checks the message digest and the signature over the attributes.
            var withHash = new CmsSignedData(new Dictionary<string, byte[]> { [digestOid] = digest }, ReadContentInfo(contents));
            signatureOk = withHash.GetSignerInfos().GetSigners().Single().Verify(cert);
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

    public static TimestampCheck CheckTimestamp(byte[] tokenDer, byte[] signatureValue)
    {
        try
        {
            var token = new TimeStampToken(new CmsSignedData(tokenDer));
            var certs = token.GetCertificates().EnumerateMatches(null).ToList();
            var tsaCert = certs.FirstOrDefault(c => token.SignerID.Match(c));
            var time = new DateTimeOffset(DateTime.SpecifyKind(token.TimeStampInfo.GenTime, DateTimeKind.Utc));
            if (tsaCert is null)
            {
                return new TimestampCheck(false, time, null, certs, "the TSA certificate is not in the token");
            }

            token.Validate(tsaCert);
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
