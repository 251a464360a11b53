using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Portal.Infrastructure.Persistence;

/// <summary>
/// The certificate the Data Protection key ring is encrypted to: <c>DataProtection:Certificate:Path</c> (a PKCS#12 file,
/// <c>.pfx</c>/<c>.p12</c>, or a PEM file holding the certificate and its private key) and
/// <c>DataProtection:Certificate:Password</c> (the PKCS#12 or encrypted-PEM password, if any).
/// </summary>
public static class DataProtectionCertificate
{
    public const string PathKey = "DataProtection:Certificate:Path";
    public const string PasswordKey = "DataProtection:Certificate:Password";

    /// <summary>The configured certificate, or null when none is configured; throws when it is configured but unusable.</summary>
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration[PathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }
        var password = configuration[PasswordKey];
        var certificate = Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12"
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet)
            : string.IsNullOrEmpty(password) ? X509Certificate2.CreateFromPemFile(path) : X509Certificate2.CreateFromEncryptedPemFile(path, password);
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            certificate.Dispose();
            throw new CryptographicException($"{PathKey}: the certificate needs its RSA private key.");
        }
        return certificate;
    }
}
