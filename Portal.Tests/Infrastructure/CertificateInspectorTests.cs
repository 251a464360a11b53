using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Portal.Application.Bindings;
using Portal.Infrastructure.Signing;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure;

/// <summary>Proof of possession in the encodings UKey middleware produces, and the dev-only software-key signer.</summary>
public class CertificateInspectorTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("Portal certificate binding\nnonce:abc");

    private static (X509Certificate Cert, AsymmetricCipherKeyPair Keys) SelfSigned(bool rsa)
    {
        AsymmetricCipherKeyPair keys;
        if (rsa)
        {
            var g = new RsaKeyPairGenerator();
            g.Init(new KeyGenerationParameters(new SecureRandom(), 2048));
            keys = g.GenerateKeyPair();
        }
        else
        {
            var g = new ECKeyPairGenerator();
            g.Init(new KeyGenerationParameters(new SecureRandom(), 256));
            keys = g.GenerateKeyPair();
        }
        var gen = new X509V3CertificateGenerator();
        gen.SetSerialNumber(BigInteger.ValueOf(42));
        gen.SetSubjectDN(new X509Name("C=CN,CN=测试"));
        gen.SetIssuerDN(new X509Name("C=CN,CN=测试"));
        gen.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        gen.SetNotAfter(DateTime.UtcNow.AddDays(1));
        gen.SetPublicKey(keys.Public);
        return (gen.Generate(new Asn1SignatureFactory(rsa ? "SHA256WITHRSA" : "SHA256WITHECDSA", keys.Private)), keys);
    }

    private static byte[] Sign(string algorithm, AsymmetricKeyParameter key)
    {
        var s = SignerUtilities.GetSigner(algorithm);
        s.Init(true, key);
        s.BlockUpdate(Message, 0, Message.Length);
        return s.GenerateSignature();
    }

    [Theory]
    [InlineData(true, "SHA256WITHRSA")]
    [InlineData(true, "SHA256WITHRSAANDMGF1")]
    [InlineData(false, "SHA256WITHECDSA")]
    [InlineData(false, "SHA256WITHPLAIN-ECDSA")]
    public async Task Possession_verifies_in_each_supported_encoding_and_fails_for_another_key(bool rsa, string algorithm)
    {
        await using var db = await TestDatabase.CreateAsync();
        var inspector = db.Services.GetRequiredService<ICertificateInspector>();
        var (cert, keys) = SelfSigned(rsa);
        var facts = inspector.Read(cert.GetEncoded())!;
        Assert.Equal("2A", facts.SerialNumber);
        Assert.Equal("测试", facts.CommonName);
        Assert.True(inspector.VerifyPossession(facts.Der, Message, Sign(algorithm, keys.Private)));
        Assert.False(inspector.VerifyPossession(facts.Der, Message, Sign(algorithm, SelfSigned(rsa).Keys.Private)));
        Assert.False(inspector.VerifyPossession(facts.Der, Message, [1, 2, 3]));
    }

    [Fact]
    public async Task The_dev_signer_reads_pem_and_pkcs12_keys()
    {
        await using var db = await TestDatabase.CreateAsync();
        var inspector = db.Services.GetRequiredService<ICertificateInspector>();
        var signer = db.Services.GetRequiredService<DevChallengeSigner>();
        var (cert, keys) = SelfSigned(rsa: false);

        using var text = new StringWriter();
        var pem = new PemWriter(text);
        pem.WriteObject(keys.Private);
        pem.Writer.Flush();
        var signature = signer.Sign(Encoding.ASCII.GetBytes(text.ToString()), null, Message);
        Assert.True(inspector.VerifyPossession(cert.GetEncoded(), Message, signature!));

        var store = new Pkcs12StoreBuilder().Build();
        store.SetKeyEntry("key", new AsymmetricKeyEntry(keys.Private), [new X509CertificateEntry(cert)]);
        using var p12 = new MemoryStream();
        store.Save(p12, "secret".ToCharArray(), new SecureRandom());
        Assert.True(inspector.VerifyPossession(cert.GetEncoded(), Message, signer.Sign(p12.ToArray(), "secret", Message)!));
        Assert.Null(signer.Sign(p12.ToArray(), "wrong", Message));
        Assert.Null(signer.Sign([1, 2, 3], null, Message));
    }
}
