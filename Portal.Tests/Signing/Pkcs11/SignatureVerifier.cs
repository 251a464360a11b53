using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Portal.Signing;

namespace Portal.Tests.Signing.Pkcs11;

/// <summary>Verifies pool signatures in software (BouncyCastle) over the original message.</summary>
internal static class SignatureVerifier
{
    public static bool Verify(AsymmetricKeyParameter publicKey, SignatureScheme scheme, byte[] message, byte[] signature)
    {
        var signer = SignerUtilities.GetSigner(scheme switch
        {
            SignatureScheme.RsaPkcs1Sha256 => "SHA256withRSA",
            SignatureScheme.RsaPssSha256 => "SHA256withRSAandMGF1",
            _ => "SHA256withECDSA",
        });
        signer.Init(false, publicKey);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.VerifySignature(signature);
    }

    public static (byte[] Message, byte[] Digest) NewMessage()
    {
        var message = RandomNumberGenerator.GetBytes(100);
        return (message, SHA256.HashData(message));
    }
}
