namespace Portal.Application.Domain;

/// <summary>操作记录 kinds: what a certificate was used for or what happened to it.</summary>
public enum CertificateOperationKind
{
    Sign = 1,
    Verify = 2,
    Login = 3,
    Issue = 4,
    Renew = 5,
    Reissue = 6,
    Revoke = 7,
    Download = 8,
}

/// <summary>Whose key: a hosted personal certificate or an external (UKey) certificate bound to the account.</summary>
public enum CertificateSource
{
    Hosted = 1,
    External = 2,
}

/// <summary>One use of a user's certificate (sign, verify, login …), shown on the operation records page.</summary>
public class CertificateOperation : IPersonallyOwned
{
    public long Id { get; set; }
    public Guid OwnerUserId { get; set; }
    public CertificateSource Source { get; set; }
    public string SerialNumber { get; set; } = "";
    public CertificateOperationKind Kind { get; set; }
    public DateTime OccurredAtUtc { get; set; }

    /// <summary>What was done (a document name, a login channel …).</summary>
    public string? Detail { get; set; }
    public string? IpAddress { get; set; }
}
