using Org.BouncyCastle.X509;

namespace Portal.Signing;

/// <summary>Key algorithms the platform generates in the HSM pool.</summary>
public enum KeyAlgorithm
{
    Rsa2048,
    Rsa3072,
    EcP256,
}

/// <summary>How a digest is turned into a signature value.</summary>
public enum SignatureScheme
{
    /// <summary>RSA PKCS#1 v1.5 over a SHA-256 DigestInfo.</summary>
    RsaPkcs1Sha256,

    /// <summary>RSASSA-PSS with SHA-256, MGF1-SHA-256, salt 32.</summary>
    RsaPssSha256,

    /// <summary>ECDSA over a SHA-256 digest; the value is DER (SEQUENCE of r, s).</summary>
    EcdsaSha256,
}

/// <summary>A key that signs digests without ever exposing its private part (normally an HSM pool key).</summary>
public interface ISigningKey
{
    /// <summary>Stable key id (CKA_ID/label in the pool), never a handle.</summary>
    string KeyId { get; }

    KeyAlgorithm Algorithm { get; }

    /// <summary>The scheme <see cref="SignDigestAsync"/> applies.</summary>
    SignatureScheme Scheme { get; }

    /// <summary>Signer certificate first, then issuers up to (and including) the root.</summary>
    IReadOnlyList<X509Certificate> CertificateChain { get; }

    /// <summary>Signs a SHA-256 digest; returns the signature value as CMS expects it (PKCS#1 bytes or DER ECDSA).</summary>
    Task<byte[]> SignDigestAsync(ReadOnlyMemory<byte> sha256Digest, CancellationToken cancellationToken = default);
}

/// <summary>An RFC 3161 timestamp authority.</summary>
public interface ITimestampAuthority
{
    /// <summary>Returns the DER-encoded TimeStampToken (a CMS ContentInfo) over a SHA-256 message imprint.</summary>
    Task<byte[]> TimestampAsync(ReadOnlyMemory<byte> sha256Imprint, CancellationToken cancellationToken = default);
}

/// <summary>A refusal or fault of the signing core, with a stable code a caller maps to a user message.</summary>
public class SigningException : Exception
{
    public SigningException(string code, string message, Exception? inner = null)
        : base(message, inner) => Code = code;

    /// <summary>Stable machine-readable code (e.g. "pdf.encrypted", "hsm.unavailable").</summary>
    public string Code { get; }

    /// <summary>What the refusal is about, for the caller's message (the keyword that was not found), or null.</summary>
    public string? Subject { get; init; }
}
