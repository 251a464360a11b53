namespace Portal.Application.Domain;

/// <summary>
/// A one-time ticket the certificate-login endpoint hands to the main site, which redeems it once to set
/// its own cookie. Only the hash of the token is stored; <see cref="StateHash"/> ties it to the browser that
/// started the login.
/// </summary>
public class CertificateLoginTicket
{
    public Guid Id { get; set; }
    public string TokenHash { get; set; } = "";
    public string StateHash { get; set; } = "";
    public Guid UserId { get; set; }
    public Guid BindingId { get; set; }
    public string SerialNumber { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}
