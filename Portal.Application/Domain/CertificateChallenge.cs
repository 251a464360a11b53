namespace Portal.Application.Domain;

/// <summary>A single-use, short-lived proof-of-possession challenge for one user and one certificate.</summary>
public class CertificateChallenge : IPersonallyOwned
{
    public Guid Id { get; set; }
    public Guid OwnerUserId { get; set; }
    public string Fingerprint { get; set; } = "";
    public byte[] CertificateDer { get; set; } = [];
    public byte[] Nonce { get; set; } = [];
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}
