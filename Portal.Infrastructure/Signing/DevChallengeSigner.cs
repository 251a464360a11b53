using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Portal.Application.Bindings;

namespace Portal.Infrastructure.Signing;

/// <summary>
/// DEVELOPMENT ONLY: signs a binding challenge with a software key the user uploads (PKCS#12 or PEM),
/// standing in for the UKey middleware. The page using it exists only in the Development environment;
/// in production the key never reaches the server.
/// </summary>
public sealed class DevChallengeSigner : IDevChallengeSigner
{
    /// <summary>The signature, or null when the file holds no usable private key (or the password is wrong).</summary>
    public byte[]? Sign(byte[] keyFile, string? password, byte[] message)
    {
        AsymmetricKeyParameter? key;
        try
        {
            key = ReadKey(keyFile, password);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or PemException or Org.BouncyCastle.OpenSsl.PasswordException
            or InvalidOperationException or FormatException)
        {
            return null;
        }
        var algorithm = key switch
        {
            RsaKeyParameters { IsPrivate: true } => "SHA256WITHRSA",
            ECPrivateKeyParameters => "SHA256WITHECDSA",
            _ => null,
        };
        if (algorithm is null)
        {
            return null;
        }
        var signer = SignerUtilities.GetSigner(algorithm);
        signer.Init(true, key);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    private static AsymmetricKeyParameter? ReadKey(byte[] file, string? password)
    {
        var text = System.Text.Encoding.ASCII.GetString(file);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            using var reader = new StringReader(text);
            var pem = new PemReader(reader, new Password(password));
            object? o;
            while ((o = pem.ReadObject()) is not null)
            {
                switch (o)
                {
                    case AsymmetricCipherKeyPair pair:
                        return pair.Private;
                    case AsymmetricKeyParameter { IsPrivate: true } k:
                        return k;
                }
            }
            return null;
        }
        var store = new Pkcs12StoreBuilder().Build();
        store.Load(new MemoryStream(file), (password ?? "").ToCharArray());
        var alias = store.Aliases.FirstOrDefault(store.IsKeyEntry);
        return alias is null ? null : store.GetKey(alias).Key;
    }

    private sealed class Password(string? value) : IPasswordFinder
    {
        public char[] GetPassword() => (value ?? "").ToCharArray();
    }
}
