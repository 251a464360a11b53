namespace Portal.Application.Bindings;

/// <summary>
/// DEVELOPMENT ONLY: signs a binding challenge with a software key the user uploads (PKCS#12 or PEM), standing in
/// for the UKey middleware; in production the key never reaches the server.
/// </summary>
public interface IDevChallengeSigner
{
    /// <summary>The signature, or null when the file holds no usable private key (or the password is wrong).</summary>
    byte[]? Sign(byte[] keyFile, string? password, byte[] message);
}
