using System.Security.Cryptography;
using System.Text;
using Portal.Application.Common;

namespace Portal.Application.Certificates;

/// <summary>
/// 证书登录: the certificate endpoint (TLS client certificate) asks for a one-time ticket; the main site
/// redeems it once, from the browser that started the login, and sets its own cookie. Only a valid, trusted,
/// unrevoked personal certificate bound to an account (an active binding) logs in; organization certificates
/// never do (seed 003). Every attempt is audited; a login is recorded as a certificate operation.
/// </summary>
public static class CertificateLogin
{
    public static readonly TimeSpan TicketValidity = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Seed 003: "仅支持个人Ukey绑定登录，不支持企业Ukey". An organization certificate names the organization:
    /// an organizationIdentifier (2.5.4.97) or a unified social credit code in its subject.
    /// </summary>
    public static bool IsOrganizationCertificate(string subject)
    {
        if (subject.Contains("2.5.4.97=", StringComparison.OrdinalIgnoreCase)
            || subject.Contains("organizationIdentifier=", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        foreach (var part in subject.Split([',', '+', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var value = part[(part.IndexOf('=') + 1)..].Trim();
            if (value.StartsWith("NTRCN-", StringComparison.OrdinalIgnoreCase))
            {
                value = value[6..];
            }
            if (value.Length == 18 && Checksums.IsValidUscc(value))
            {
                return true;
            }
        }
        return false;
    }

    internal static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
