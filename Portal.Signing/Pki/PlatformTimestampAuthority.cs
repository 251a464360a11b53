using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;

namespace Portal.Signing.Pki;

/// <summary>The platform's RFC 3161 timestamp authority; its key is in the HSM pool and its certificate has the critical timeStamping EKU.</summary>
public sealed class PlatformTimestampAuthority(PlatformCa ca) : ITimestampAuthority
{
    public async Task<byte[]> TimestampAsync(ReadOnlyMemory<byte> sha256Imprint, CancellationToken cancellationToken = default)
    {
        if (sha256Imprint.Length != 32)
        {
            throw new ArgumentException("A SHA-256 imprint has 32 bytes.", nameof(sha256Imprint));
        }

        var requestGenerator = new TimeStampRequestGenerator();
        requestGenerator.SetCertReq(true);
        var request = requestGenerator.Generate(TspAlgorithms.Sha256, sha256Imprint.ToArray(), new BigInteger(1, RandomNumberGenerator.GetBytes(8)));
        var token = await Task.Run(() => CreateGenerator().Generate(request, NewSerial(), ca.Now), cancellationToken);
        return token.GetEncoded();
    }

    /// <summary>Answers a DER TimeStampReq (application/timestamp-query) with a DER TimeStampResp, for an HTTP TSA endpoint.</summary>
    public byte[] Respond(ReadOnlySpan<byte> timeStampQuery)
    {
        var request = new TimeStampRequest(timeStampQuery.ToArray());
        var responseGenerator = new TimeStampResponseGenerator(CreateGenerator(), TspAlgorithms.Allowed);
        return responseGenerator.Generate(request, NewSerial(), ca.Now).GetEncoded();
    }

    private TimeStampTokenGenerator CreateGenerator()
    {
        var tsa = ca.Tsa;
        var signerInfo = new SignerInfoGeneratorBuilder().Build(new SigningKeySignatureFactory(tsa.Key), tsa.Certificate);
        var generator = new TimeStampTokenGenerator(signerInfo, Asn1DigestFactory.Get(NistObjectIdentifiers.IdSha256), new Org.BouncyCastle.Asn1.DerObjectIdentifier(ca.Options.TsaPolicyOid), true);
        generator.SetCertificates(CollectionUtilities.CreateStore<X509Certificate>([tsa.Certificate, ca.IssuingCertificate]));
        return generator;
    }

    private static BigInteger NewSerial() => new(1, RandomNumberGenerator.GetBytes(16));
}
