namespace Portal.Application.Domain;

public enum SmsPurpose
{
    Register = 1,
    Login = 2,
    ResetPassword = 3,
    ChangePhoneOld = 4,
    ChangePhoneNew = 5,

    /// <summary>The legal representative authorizes an organization's certification.</summary>
    LegalRepresentativeAuthorization = 6,

    /// <summary>Phone three-factor real-name check.</summary>
    RealName = 7,

    /// <summary>忘记证书密码: resets the signing PIN.</summary>
    ResetSigningPin = 8,

    /// <summary>Confirms one signature instead of the signing PIN (意愿认证 by SMS).</summary>
    SigningConfirmation = 9,
}

/// <summary>A one-time SMS verification code (only its hash is stored).</summary>
public class SmsCode
{
    public Guid Id { get; set; }
    public string Phone { get; set; } = "";
    public SmsPurpose Purpose { get; set; }
    public string CodeHash { get; set; } = "";
    public DateTime SentAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public int FailedAttempts { get; set; }
    public DateTime? ConsumedAtUtc { get; set; }
}
