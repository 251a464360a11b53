using Org.BouncyCastle.X509;

namespace Portal.Signing.Pkcs11;

/// <summary>An <see cref="ISigningKey"/> whose private key lives in the HSM pool.</summary>
public sealed class HsmSigningKey(HsmPool pool, string keyId, KeyAlgorithm algorithm, SignatureScheme scheme, IReadOnlyList<X509Certificate> certificateChain) : ISigningKey
{
    public string KeyId => keyId;

    public KeyAlgorithm Algorithm => algorithm;

    public SignatureScheme Scheme => scheme;

    public IReadOnlyList<X509Certificate> CertificateChain => certificateChain;

    public Task<byte[]> SignDigestAsync(ReadOnlyMemory<byte> sha256Digest, CancellationToken cancellationToken = default)
        => pool.SignDigestAsync(keyId, scheme, sha256Digest, cancellationToken);
}
