using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Portal.Signing.Pkcs11;

/// <summary>
/// Creates the pool's trusted AES wrapping key on a token, in a session logged in as the security officer (SoftHSM2 2.6.1
/// lets only the SO set <c>CKA_TRUSTED</c>; the SO can create public objects only, so the key is <c>CKA_PRIVATE=false</c>
/// but sensitive and not extractable). Every token of the pool gets the same secret; the application never needs it.
/// </summary>
public static class TrustedWrappingKey
{
    public static IObjectHandle Create(ISession soSession, string label, byte[] secret)
    {
        if (secret.Length < 32)
        {
            throw new ArgumentException("The wrapping secret needs 32 bytes.", nameof(secret));
        }
        var f = soSession.Factories.ObjectAttributeFactory;
        return soSession.CreateObject([
            f.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            f.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
            f.Create(CKA.CKA_TOKEN, true),
            f.Create(CKA.CKA_PRIVATE, false),
            f.Create(CKA.CKA_LABEL, label),
            f.Create(CKA.CKA_VALUE, secret[..32]),
            f.Create(CKA.CKA_WRAP, true),
            f.Create(CKA.CKA_UNWRAP, true),
            f.Create(CKA.CKA_SENSITIVE, true),
            f.Create(CKA.CKA_EXTRACTABLE, false),
            f.Create(CKA.CKA_MODIFIABLE, false),
            f.Create(CKA.CKA_TRUSTED, true),
        ]);
    }
}
