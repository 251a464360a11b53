using Microsoft.AspNetCore.Identity;

namespace Portal.Application.Domain;

/// <summary>An account. The user name is the normalized mobile number (see <see cref="Accounts.PhoneNumber"/>).</summary>
public class PortalUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>The space the user last chose: null is the personal space (身份切换, remembered per user).</summary>
    public Guid? CurrentOrganizationId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the user accepted the service agreement and privacy notice.</summary>
    public DateTime? TermsAcceptedAtUtc { get; set; }

    /// <summary>Preferred UI culture ("zh-CN" or "en-US").</summary>
    public string? Culture { get; set; }

    /// <summary>When 实名认证 succeeded; null: unverified (later features refuse certificates and signing).</summary>
    public DateTime? RealNameVerifiedAtUtc { get; set; }
    public string? RealName { get; set; }

    /// <summary>The zone of the user's personal space (a personal task's deadline ends at 23:59:59 here).</summary>
    public string TimeZoneId { get; set; } = "Asia/Shanghai";
}

public class PortalRole : IdentityRole<Guid>
{
}
