using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using Portal.Signing;

namespace Portal.Tests.Signing.Support;

// Test-only software stand-ins for the HSM pool and the platform TSA. Production code never holds a private key.

/// <summary>A software RSA-2048 key (OpenSSL through .NET) behind the ISigningKey contract.</summary>
public sealed class SoftwareSigningKey(RSA rsa, IReadOnlyList<X509Certificate> chain, string keyId = "soft-1") : ISigningKey
{
    public string KeyId { get; } = keyId;
    public KeyAlgorithm Algorithm => KeyAlgorithm.Rsa2048;
    public SignatureScheme Scheme => SignatureScheme.RsaPkcs1Sha256;
    public IReadOnlyList<X509Certificate> CertificateChain { get; } = chain;

    public Task<byte[]> SignDigestAsync(ReadOnlyMemory<byte> sha256Digest, CancellationToken cancellationToken = default) =>
        Task.FromResult(rsa.SignHash(sha256Digest.Span.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
}

/// <summary>An in-process RFC 3161 TSA (ECDSA P-256) built with BouncyCastle.</summary>
public sealed class SoftwareTimestampAuthority : ITimestampAuthority
{
    private readonly TimeStampTokenGenerator _generator;
    private long _serial = 1;

    public SoftwareTimestampAuthority(AsymmetricKeyParameter key, X509Certificate cert, IReadOnlyList<X509Certificate> chain)
    {
        var signerInfo = new SignerInfoGeneratorBuilder().Build(new Asn1SignatureFactory("SHA256WITHECDSA", key), cert);
        _generator = new TimeStampTokenGenerator(signerInfo, Asn1DigestFactory.Get(NistObjectIdentifiers.IdSha256), new DerObjectIdentifier("1.2.3.4.1"), true);
        _generator.SetCertificates(CollectionUtilities.CreateStore(chain.ToList()));
    }

    /// <summary>When set, tokens carry this time instead of now (to test revocation before/after signing).</summary>
    public DateTime? FixedTime { get; set; }

    public Task<byte[]> TimestampAsync(ReadOnlyMemory<byte> sha256Imprint, CancellationToken cancellationToken = default)
    {
        var reqGen = new TimeStampRequestGenerator();
        reqGen.SetCertReq(true);
        var req = reqGen.Generate(TspAlgorithms.Sha256, sha256Imprint.ToArray(), BigInteger.ValueOf(Random.Shared.NextInt64()));
        TimeStampToken token;
        lock (_generator)
        {
            token = _generator.Generate(req, BigInteger.ValueOf(_serial++), FixedTime ?? DateTime.UtcNow);
        }

        return Task.FromResult(token.GetEncoded());
    }
}

/// <summary>Builds test CAs and certificates with BouncyCastle.</summary>
public static class TestPki
{
    private static readonly SecureRandom Random = new();

    public static AsymmetricCipherKeyPair RsaKeyPair(out RSA rsa)
    {
        rsa = RSA.Create(2048);
        return DotNetUtilities.GetRsaKeyPair(rsa);
    }

    public static AsymmetricCipherKeyPair EcKeyPair()
    {
        var g = new ECKeyPairGenerator();
        g.Init(new ECKeyGenerationParameters(Org.BouncyCastle.Asn1.Sec.SecObjectIdentifiers.SecP256r1, Random));
        return g.GenerateKeyPair();
    }

    public static X509Certificate Issue(
        string subject,
        AsymmetricKeyParameter subjectPublic,
        X509Certificate? issuer,
        AsymmetricKeyParameter issuerPrivate,
        bool ca,
        int keyUsage,
        string[]? eku = null,
        bool ekuCritical = false)
    {
        var g = new X509V3CertificateGenerator();
        var name = new X509Name(subject);
        g.SetSerialNumber(BigInteger.ValueOf(System.Random.Shared.NextInt64(1, long.MaxValue)));
        g.SetIssuerDN(issuer?.SubjectDN ?? name);
        g.SetSubjectDN(name);
        g.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        g.SetNotAfter(DateTime.UtcNow.AddYears(2));
        g.SetPublicKey(subjectPublic);
        g.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(ca));
        g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(keyUsage));
        g.AddExtension(X509Extensions.SubjectKeyIdentifier, false, Org.BouncyCastle.X509.Extension.X509ExtensionUtilities.CreateSubjectKeyIdentifier(subjectPublic));
        if (issuer is not null)
        {
            g.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, Org.BouncyCastle.X509.Extension.X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuer));
        }

        if (eku is not null)
        {
            g.AddExtension(X509Extensions.ExtendedKeyUsage, ekuCritical, new ExtendedKeyUsage(eku.Select(o => new DerObjectIdentifier(o)).ToList()));
        }

        var alg = issuerPrivate is ECPrivateKeyParameters ? "SHA256WITHECDSA" : "SHA256WITHRSA";
        return g.Generate(new Asn1SignatureFactory(alg, issuerPrivate));
    }
}
