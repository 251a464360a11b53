using Net.Pkcs11Interop.Common;
using Portal.Signing;
using Portal.Signing.Pkcs11;

namespace Portal.Tests.Signing.Pkcs11;

[Collection(SoftHsmCollection.Name)]
public sealed class HsmPoolTests(SoftHsmFixture hsm)
{
    public static TheoryData<KeyAlgorithm, SignatureScheme> Schemes => new()
    {
        { KeyAlgorithm.Rsa2048, SignatureScheme.RsaPkcs1Sha256 },
        { KeyAlgorithm.Rsa2048, SignatureScheme.RsaPssSha256 },
        { KeyAlgorithm.EcP256, SignatureScheme.EcdsaSha256 },
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Generated_key_is_replicated_and_signs_on_either_token(KeyAlgorithm algorithm, SignatureScheme scheme)
    {
        var key = hsm.Pool.GenerateKey(algorithm);

        Assert.Equal([SoftHsmFixture.TokenA, SoftHsmFixture.TokenB], key.Tokens.Order());
        var publicKey = hsm.Pool.GetPublicKey(key.KeyId);
        var (message, digest) = SignatureVerifier.NewMessage();
        var fromA = hsm.Pool.SignDigestOn(SoftHsmFixture.TokenA, key.KeyId, scheme, digest);
        var fromB = hsm.Pool.SignDigestOn(SoftHsmFixture.TokenB, key.KeyId, scheme, digest);
        var pooled = hsm.Pool.SignDigest(key.KeyId, scheme, digest);

        Assert.True(SignatureVerifier.Verify(publicKey, scheme, message, fromA));
        Assert.True(SignatureVerifier.Verify(publicKey, scheme, message, fromB));
        Assert.True(SignatureVerifier.Verify(publicKey, scheme, message, pooled));
        Assert.False(SignatureVerifier.Verify(publicKey, scheme, [.. message, 1], pooled));
        if (scheme == SignatureScheme.RsaPkcs1Sha256)
        {
            // PKCS#1 v1.5 is deterministic: the replica holds the very same private key.
            Assert.Equal(fromA, fromB);
        }
    }

    [Fact]
    public void Rsa3072_key_signs_and_reports_its_algorithm()
    {
        var key = hsm.Pool.GenerateKey(KeyAlgorithm.Rsa3072);
        var (message, digest) = SignatureVerifier.NewMessage();

        var signature = hsm.Pool.SignDigest(key.KeyId, SignatureScheme.RsaPkcs1Sha256, digest);

        Assert.Equal(384, signature.Length);
        Assert.Equal(KeyAlgorithm.Rsa3072, hsm.Pool.GetAlgorithm(key.KeyId));
        Assert.True(SignatureVerifier.Verify(hsm.Pool.GetPublicKey(key.KeyId), SignatureScheme.RsaPkcs1Sha256, message, signature));
    }

    [Theory]
    [InlineData(KeyAlgorithm.Rsa2048, CKA.CKA_PRIVATE_EXPONENT)]
    [InlineData(KeyAlgorithm.EcP256, CKA.CKA_VALUE)]
    public void Private_values_cannot_be_read_on_any_token(KeyAlgorithm algorithm, CKA secretAttribute)
    {
        var key = hsm.Pool.GenerateKey(algorithm);

        foreach (var label in new[] { SoftHsmFixture.TokenA, SoftHsmFixture.TokenB })
        {
            using var session = SoftHsmFixture.OpenRawSession(label);
            var handle = Assert.Single(session.FindAllObjects([
                session.Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
                session.Factories.ObjectAttributeFactory.Create(CKA.CKA_ID, System.Text.Encoding.ASCII.GetBytes(key.KeyId)),
            ]));
            var flags = session.GetAttributeValue(handle, [CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE]);
            Assert.True(flags[0].GetValueAsBool());
            Assert.True(flags[1].GetValueAsBool()); // extractable only wrapped, which is how replication works

            bool unreadable;
            try
            {
                unreadable = session.GetAttributeValue(handle, [secretAttribute])[0].CannotBeRead;
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_ATTRIBUTE_SENSITIVE)
            {
                unreadable = true;
            }

            Assert.True(unreadable, $"{secretAttribute} readable on {label}");
        }
    }

    [Fact]
    public void Listed_keys_include_new_key_on_both_tokens_and_deleted_key_is_gone()
    {
        using var pool = new HsmPool(SoftHsmFixture.ListOptions(), hsm.Pins);
        var key = pool.GenerateKey(KeyAlgorithm.EcP256);
        var listed = Assert.Single(pool.ListKeys(), k => k.KeyId == key.KeyId);
        Assert.Equal(KeyAlgorithm.EcP256, listed.Algorithm);
        Assert.Equal(2, listed.Tokens.Count);

        pool.DeleteKey(key.KeyId);

        Assert.DoesNotContain(pool.ListKeys(), k => k.KeyId == key.KeyId);
        var error = Assert.Throws<HsmException>(() => pool.SignDigest(key.KeyId, SignatureScheme.EcdsaSha256, new byte[32]));
        Assert.Equal("hsm.key_not_found", error.Code);
    }

    [Fact]
    public void Scheme_that_does_not_fit_the_key_is_a_typed_error()
    {
        var key = hsm.Pool.GenerateKey(KeyAlgorithm.EcP256);

        var error = Assert.Throws<HsmException>(() => hsm.Pool.SignDigest(key.KeyId, SignatureScheme.RsaPkcs1Sha256, new byte[32]));

        Assert.Equal("hsm.error", error.Code);
        Assert.All(hsm.Pool.GetStatus().Tokens, t => Assert.True(t.IsUp));
    }

    [Fact]
    public async Task Signing_key_contract_signs_through_the_pool()
    {
        var key = hsm.Pool.GenerateKey(KeyAlgorithm.Rsa2048);
        var signingKey = hsm.Pool.GetSigningKey(key.KeyId, []);
        var (message, digest) = SignatureVerifier.NewMessage();

        var signature = await signingKey.SignDigestAsync(digest);

        Assert.Equal(SignatureScheme.RsaPkcs1Sha256, signingKey.Scheme);
        Assert.True(SignatureVerifier.Verify(hsm.Pool.GetPublicKey(key.KeyId), signingKey.Scheme, message, signature));
        var status = hsm.Pool.GetStatus();
        Assert.True(status.IsHealthy);
        Assert.True(status.Tokens.Sum(t => t.Operations) > 0);
    }
}
