namespace Portal.Application.Domain;

/// <summary>安装记录 kinds: 首次下载, 补发, 更新, 变更.</summary>
public enum CertificateInstallKind
{
    FirstDownload = 1,
    Reissue = 2,
    Renewal = 3,
    Change = 4,
}

/// <summary>One installation of a personal certificate (it became the user's current one).</summary>
public class CertificateInstallRecord : IPersonallyOwned
{
    public long Id { get; set; }
    public Guid OwnerUserId { get; set; }
    public Guid CertificateId { get; set; }
    public CertificateInstallKind Kind { get; set; }
    public PersonalCertificateType Type { get; set; }
    public string SerialNumber { get; set; } = "";
    public DateTime NotAfterUtc { get; set; }
    public DateTime OccurredAtUtc { get; set; }
}
