using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Portal.Signing;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pkcs11;

namespace Portal.Tests.Signing.Pki;

/// <summary>One platform CA per test process over the shared SoftHSM pool and in-memory stores (CA keys are RSA-2048 to keep it quick).</summary>
internal static class PkiTestCa
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (PlatformCa Ca, PkiStores Stores)? _instance;

    public static async Task<(PlatformCa Ca, PkiStores Stores)> GetAsync(SoftHsmFixture hsm)
    {
        await Gate.WaitAsync();
        try
        {
            if (_instance is null)
            {
                var stores = PkiStores.InMemory();
                var ca = new PlatformCa(hsm.Pool, new PkiOptions { CaKeyAlgorithm = KeyAlgorithm.Rsa2048 }, stores, hsm.Pins);
                await ca.InitializeAsync();
                _instance = (ca, stores);
            }

            return _instance.Value;
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>A software CA standing in for an external CA (CFCA, 深圳CA …) in trust-store tests.</summary>
internal sealed class ExternalTestCa
{
    private readonly AsymmetricCipherKeyPair _keys;

    public ExternalTestCa(string name)
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new KeyGenerationParameters(new SecureRandom(), 256));
        _keys = generator.GenerateKeyPair();
        var g = NewGenerator(new X509Name($"C=CN,O={name},CN={name} Root"), _keys.Public);
        g.SetIssuerDN(new X509Name($"C=CN,O={name},CN={name} Root"));
        g.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        Certificate = g.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", _keys.Private));
    }

    public X509Certificate Certificate { get; }

    public X509Certificate IssueLeaf(string cn)
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new KeyGenerationParameters(new SecureRandom(), 256));
        var leafKeys = generator.GenerateKeyPair();
        var g = NewGenerator(new X509Name($"C=CN,CN={cn}"), leafKeys.Public);
        g.SetIssuerDN(Certificate.SubjectDN);
        g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        return g.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", _keys.Private));
    }

    /// <summary>A leaf with its software key and chosen validity (renewal tests need distinct notBefore dates).</summary>
    public (X509Certificate Certificate, AsymmetricCipherKeyPair Keys) IssueLeafWithKey(string subject, DateTime notBefore, DateTime notAfter)
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new KeyGenerationParameters(new SecureRandom(), 256));
        var leafKeys = generator.GenerateKeyPair();
        var g = NewGenerator(new X509Name(subject), leafKeys.Public, notBefore, notAfter);
        g.SetIssuerDN(Certificate.SubjectDN);
        g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        return (g.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", _keys.Private)), leafKeys);
    }

    public byte[] Crl(DateTime nextUpdate, params X509Certificate[] revoked)
    {
        var g = new X509V2CrlGenerator();
        g.SetIssuerDN(Certificate.SubjectDN);
        g.SetThisUpdate(DateTime.UtcNow.AddMinutes(-1));
        g.SetNextUpdate(nextUpdate);
        foreach (var c in revoked)
        {
            g.AddCrlEntry(c.SerialNumber, DateTime.UtcNow.AddMinutes(-1), CrlReason.KeyCompromise);
        }

        return g.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", _keys.Private)).GetEncoded();
    }

    private static X509V3CertificateGenerator NewGenerator(X509Name subject, AsymmetricKeyParameter publicKey,
        DateTime? notBefore = null, DateTime? notAfter = null)
    {
        var g = new X509V3CertificateGenerator();
        g.SetSerialNumber(new BigInteger(64, new SecureRandom()).Add(BigInteger.One));
        g.SetSubjectDN(subject);
        g.SetNotBefore(notBefore ?? DateTime.UtcNow.AddHours(-1));
        g.SetNotAfter(notAfter ?? DateTime.UtcNow.AddYears(1));
        g.SetPublicKey(publicKey);
        return g;
    }
}
