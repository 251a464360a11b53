using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Portal.Signing;
using Portal.Signing.Pkcs11;

namespace Portal.Tests.Signing.Pkcs11;

/// <summary>
/// CKA_WRAP_WITH_TRUSTED on SoftHSM2 2.6.1 (docs/adr/0017-trusted-key-wrapping.md): pool keys replicate under the SO's
/// trusted wrapping key, and the user PIN alone can no longer wrap them out with a key of its own.
/// </summary>
[Collection(SoftHsmCollection.Name)]
public class TrustedWrappingTests(SoftHsmFixture hsm)
{
    private const string Label = "portal-wrap-trusted";

    [Fact]
    public void Pool_keys_leave_a_token_only_under_the_trusted_wrapping_key()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        foreach (var token in new[] { SoftHsmFixture.TrustTokenA, SoftHsmFixture.TrustTokenB })
        {
            using var so = SoftHsmFixture.OpenRawSession(token);
            so.Login(CKU.CKU_SO, SoftHsmFixture.SoPin);
            TrustedWrappingKey.Create(so, Label, secret);
            so.Logout();
        }
        var options = SoftHsmFixture.Options();
        options.Tokens = [SoftHsmFixture.TrustTokenA, SoftHsmFixture.TrustTokenB];
        options.WrappingKeyLabel = Label;
        options.TrustedWrapping = true;
        using var pool = new HsmPool(options, hsm.Pins);

        var key = pool.GenerateKey(KeyAlgorithm.EcP256);
        Assert.Equal(2, key.Tokens.Count);

        // Behind the pool's back, as anyone holding the user PIN (the pool has logged the user in on this token).
        using var session = SoftHsmFixture.OpenRawSession(SoftHsmFixture.TrustTokenA);
        var f = session.Factories.ObjectAttributeFactory;
        var priv = session.FindAllObjects([f.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), f.Create(CKA.CKA_ID, System.Text.Encoding.ASCII.GetBytes(key.KeyId))])
            .Single();
        Assert.True(session.GetAttributeValue(priv, [CKA.CKA_WRAP_WITH_TRUSTED])[0].GetValueAsBool());
        var own = session.CreateObject([
            f.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY), f.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES), f.Create(CKA.CKA_TOKEN, false),
            f.Create(CKA.CKA_VALUE, RandomNumberGenerator.GetBytes(32)), f.Create(CKA.CKA_WRAP, true),
        ]);
        using var wrap = session.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_WRAP_PAD);

        Assert.Equal(CKR.CKR_KEY_NOT_WRAPPABLE, Assert.Throws<Pkcs11Exception>(() => session.WrapKey(wrap, own, priv)).RV);
        // The user can neither clear the flag, nor copy the key without it, nor mark a key of its own as trusted.
        Assert.Throws<Pkcs11Exception>(() => session.SetAttributeValue(priv, [f.Create(CKA.CKA_WRAP_WITH_TRUSTED, false)]));
        Assert.Throws<Pkcs11Exception>(() => session.CopyObject(priv, [f.Create(CKA.CKA_WRAP_WITH_TRUSTED, false)]));
        Assert.Throws<Pkcs11Exception>(() => session.SetAttributeValue(own, [f.Create(CKA.CKA_TRUSTED, true)]));
        // The replica on the other token is bound the same way.
        using var other = SoftHsmFixture.OpenRawSession(SoftHsmFixture.TrustTokenB);
        var replica = other.FindAllObjects([f.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), f.Create(CKA.CKA_ID, System.Text.Encoding.ASCII.GetBytes(key.KeyId))])
            .Single();
        Assert.True(other.GetAttributeValue(replica, [CKA.CKA_WRAP_WITH_TRUSTED])[0].GetValueAsBool());
        Assert.NotEmpty(pool.SignDigest(key.KeyId, SignatureScheme.EcdsaSha256, SHA256.HashData(new byte[] { 1 })));
    }
}
