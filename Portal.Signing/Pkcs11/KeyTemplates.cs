using System.Text;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;

namespace Portal.Signing.Pkcs11;

/// <summary>Attribute templates for the pool's key objects, shared by generation and replication.</summary>
internal static class KeyTemplates
{
    private static readonly byte[] P256Params = SecObjectIdentifiers.SecP256r1.GetDerEncoded();

    public static byte[] IdBytes(string keyId) => Encoding.ASCII.GetBytes(keyId);

    public static List<IObjectAttribute> Find(CKO objectClass, byte[] id)
    {
        var f = Pkcs11Runtime.Factories.ObjectAttributeFactory;
        return [f.Create(CKA.CKA_CLASS, objectClass), f.Create(CKA.CKA_ID, id)];
    }

    public static CKK KeyType(KeyAlgorithm algorithm) => algorithm == KeyAlgorithm.EcP256 ? CKK.CKK_EC : CKK.CKK_RSA;

    public static List<IObjectAttribute> PublicGenerate(KeyAlgorithm algorithm, string keyId)
    {
        var f = Pkcs11Runtime.Factories.ObjectAttributeFactory;
        List<IObjectAttribute> t =
        [
            f.Create(CKA.CKA_TOKEN, true),
            f.Create(CKA.CKA_PRIVATE, false),
            f.Create(CKA.CKA_VERIFY, true),
            f.Create(CKA.CKA_ID, IdBytes(keyId)),
            f.Create(CKA.CKA_LABEL, keyId),
        ];
        switch (algorithm)
        {
            case KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072:
                t.Add(f.Create(CKA.CKA_MODULUS_BITS, algorithm == KeyAlgorithm.Rsa2048 ? 2048UL : 3072UL));
                t.Add(f.Create(CKA.CKA_PUBLIC_EXPONENT, new byte[] { 1, 0, 1 }));
                break;
            default:
                t.Add(f.Create(CKA.CKA_EC_PARAMS, P256Params));
                break;
        }

        return t;
    }

    /// <summary>Private key template: never readable, extractable only under a wrapping key (replication).</summary>
    public static List<IObjectAttribute> Private(KeyAlgorithm algorithm, string keyId, bool forUnwrap, bool wrapWithTrusted = false)
    {
        var f = Pkcs11Runtime.Factories.ObjectAttributeFactory;
        List<IObjectAttribute> t =
        [
            f.Create(CKA.CKA_TOKEN, true),
            f.Create(CKA.CKA_PRIVATE, true),
            f.Create(CKA.CKA_SIGN, true),
            f.Create(CKA.CKA_SENSITIVE, true),
            f.Create(CKA.CKA_EXTRACTABLE, true),
            f.Create(CKA.CKA_ID, IdBytes(keyId)),
            f.Create(CKA.CKA_LABEL, keyId),
        ];
        if (wrapWithTrusted)
        {
            // Sticky: once set, neither C_SetAttributeValue nor C_CopyObject can clear it.
            t.Add(f.Create(CKA.CKA_WRAP_WITH_TRUSTED, true));
        }
        if (forUnwrap)
        {
            t.Add(f.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY));
            t.Add(f.Create(CKA.CKA_KEY_TYPE, KeyType(algorithm)));
        }

        return t;
    }

    /// <summary>A public key object carrying the values read from the source token.</summary>
    public static List<IObjectAttribute> PublicCopy(KeyAlgorithm algorithm, string keyId, List<IObjectAttribute> values)
    {
        var f = Pkcs11Runtime.Factories.ObjectAttributeFactory;
        List<IObjectAttribute> t =
        [
            f.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY),
            f.Create(CKA.CKA_KEY_TYPE, KeyType(algorithm)),
            f.Create(CKA.CKA_TOKEN, true),
            f.Create(CKA.CKA_PRIVATE, false),
            f.Create(CKA.CKA_VERIFY, true),
            f.Create(CKA.CKA_ID, IdBytes(keyId)),
            f.Create(CKA.CKA_LABEL, keyId),
        ];
        t.AddRange(values.Select(v => f.Create(v.Type, v.GetValueAsByteArray())));
        return t;
    }

    public static List<CKA> PublicValueAttributes(KeyAlgorithm algorithm) => algorithm == KeyAlgorithm.EcP256
        ? [CKA.CKA_EC_PARAMS, CKA.CKA_EC_POINT]
        : [CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT];

    public static KeyAlgorithm ReadAlgorithm(IHsmSession session, IObjectHandle publicKey)
    {
        var type = (CKK)session.GetAttributes(publicKey, [CKA.CKA_KEY_TYPE])[0].GetValueAsUlong();
        if (type == CKK.CKK_EC)
        {
            var parameters = session.GetAttributes(publicKey, [CKA.CKA_EC_PARAMS])[0].GetValueAsByteArray();
            return parameters.AsSpan().SequenceEqual(P256Params)
                ? KeyAlgorithm.EcP256
                : throw new HsmException("hsm.error", "Unsupported EC curve on the token.");
        }

        var modulus = session.GetAttributes(publicKey, [CKA.CKA_MODULUS])[0].GetValueAsByteArray();
        var bits = (modulus.Length - (modulus[0] == 0 ? 1 : 0)) * 8;
        return bits switch
        {
            2048 => KeyAlgorithm.Rsa2048,
            3072 => KeyAlgorithm.Rsa3072,
            _ => throw new HsmException("hsm.error", $"Unsupported RSA size {bits} on the token."),
        };
    }

    /// <summary>The EC point as the raw uncompressed octets (SoftHSM returns it DER-wrapped in an OCTET STRING).</summary>
    public static byte[] UnwrapEcPoint(byte[] value) =>
        // A raw uncompressed P-256 point is 65 bytes (04 X Y); the DER OCTET STRING form is 04 41 04 X Y.
        value.Length != 65 && value.Length > 2 && value[0] == 0x04 && value[1] == value.Length - 2 ? value[2..] : value;

    public static X9ECParameters P256 => ECNamedCurveTable.GetByOid(SecObjectIdentifiers.SecP256r1);
}
