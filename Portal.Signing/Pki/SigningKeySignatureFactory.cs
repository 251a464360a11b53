using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.IO;

namespace Portal.Signing.Pki;

/// <summary>A BouncyCastle <see cref="ISignatureFactory"/> whose signatures come from an <see cref="ISigningKey"/> (certificates, CRLs, OCSP, CMS).</summary>
public sealed class SigningKeySignatureFactory(ISigningKey key) : ISignatureFactory
{
    public object AlgorithmDetails { get; } = AlgorithmFor(key.Scheme);

    public static AlgorithmIdentifier AlgorithmFor(SignatureScheme scheme) => scheme switch
    {
        SignatureScheme.RsaPkcs1Sha256 => new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance),
        SignatureScheme.RsaPssSha256 => new AlgorithmIdentifier(PkcsObjectIdentifiers.IdRsassaPss, new RsassaPssParameters(
            new AlgorithmIdentifier(NistObjectIdentifiers.IdSha256, DerNull.Instance),
            new AlgorithmIdentifier(PkcsObjectIdentifiers.IdMgf1, new AlgorithmIdentifier(NistObjectIdentifiers.IdSha256, DerNull.Instance)),
            DerInteger.ValueOf(32),
            DerInteger.ValueOf(1))),
        _ => new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha256),
    };

    public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(key);

    private sealed class Calculator(ISigningKey key) : IStreamCalculator<IBlockResult>
    {
        private readonly Sha256Digest _digest = new();

        public Stream Stream => field ??= new DigestSink(_digest);

        public IBlockResult GetResult()
        {
            var hash = new byte[_digest.GetDigestSize()];
            _digest.DoFinal(hash, 0);
            // BouncyCastle's generators are synchronous; the pool key completes synchronously, so this does not block on I/O.
            return new SimpleBlockResult(key.SignDigestAsync(hash).GetAwaiter().GetResult());
        }
    }
}
