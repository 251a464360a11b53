using System.Text.RegularExpressions;

namespace Portal.Application.Common;

/// <summary>The languages SMS texts exist in: a user's stored language, zh-CN for unknown numbers and anything else.</summary>
public static class SmsLanguages
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";

    public static string Of(string? culture) => culture == English ? English : Chinese;
}

/// <summary>The platform's SMS settings (configuration section <c>Sms</c>).</summary>
public sealed class SmsOptions
{
    public const string DefaultSignature = "Portal";

    /// <summary>The signature registered with the SMS provider, sent as 【signature】 before every text.</summary>
    public string Signature { get; set; } = DefaultSignature;
}

/// <summary>
/// One pre-approved SMS template: Chinese SMS providers send only templates approved beforehand, referenced by id
/// with parameter values; <see cref="Id"/> is ours and stays stable (a provider adapter maps it to the provider's code).
/// </summary>
public sealed partial record SmsTemplate(string Id, IReadOnlyList<string> Parameters, string Chinese, string English)
{
    /// <summary>The text in <paramref name="language"/> with every parameter filled in; a missing or unknown parameter is a bug.</summary>
    public string Render(IReadOnlyDictionary<string, string> values, string language)
    {
        var missing = Parameters.Where(p => !values.ContainsKey(p)).ToList();
        var unknown = values.Keys.Where(k => !Parameters.Contains(k)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"SMS template {Id}: missing [{string.Join(", ", missing)}], unknown [{string.Join(", ", unknown)}]",
                nameof(values));
        }
        var text = SmsLanguages.Of(language) == SmsLanguages.English ? English : Chinese;
        return Placeholder().Replace(text, m => values[m.Groups[1].Value]);
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>A catalog message ready to send: its template and the parameter values.</summary>
public sealed record SmsMessage(SmsTemplate Template, IReadOnlyDictionary<string, string> Parameters);

/// <summary>Every SMS the platform sends. Add a template here (and have it approved by the provider) before sending it.</summary>
public static class SmsTemplates
{
    public static readonly SmsTemplate VerificationCode = new("verification-code", ["code"],
        "验证码 {code}，10 分钟内有效，请勿告诉他人。",
        "Your code is {code}, valid for 10 minutes. Do not share it.");

    /// <summary>
    /// A fixed text without the organization's name (an owner could type anything there): the invitee reads the organization's
    /// certified name in the portal, where they accept or decline.
    /// </summary>
    public static readonly SmsTemplate MemberInvitation = new("member-invitation-consent", [],
        "您收到一个单位的成员邀请。请登录平台（未注册请用本手机号注册），在“我的单位”中查看单位名称并选择接受或拒绝。",
        "You have been invited to join an organization. Sign in (or register with this number) and see it under My organizations, where you accept or decline.");

    public static readonly SmsTemplate JoinRequestApproved = new("join-request-approved", ["organization"],
        "您加入“{organization}”的申请已通过。",
        "Your request to join {organization} was approved.");

    public static readonly SmsTemplate JoinRequestDeclined = new("join-request-declined", ["organization", "reason"],
        "您加入“{organization}”的申请未通过：{reason}。",
        "Your request to join {organization} was declined: {reason}");

    public static readonly SmsTemplate InformationChangeApproved = new("information-change-approved", ["organization"],
        "{organization}：您的单位信息变更已通过审核。",
        "{organization}: your information change was approved.");

    public static readonly SmsTemplate InformationChangeRejected = new("information-change-rejected", ["organization", "reason"],
        "{organization}：您的单位信息变更未通过审核：{reason}。",
        "{organization}: your information change was rejected: {reason}");

    public static readonly SmsTemplate OwnerApplicationApproved = new("owner-application-approved", ["organization"],
        "{organization}：您的申请管理员已通过审核。",
        "{organization}: your admin application was approved.");

    public static readonly SmsTemplate OwnerApplicationRejected = new("owner-application-rejected", ["organization", "reason"],
        "{organization}：您的申请管理员未通过审核：{reason}。",
        "{organization}: your admin application was rejected: {reason}");

    public static readonly SmsTemplate RealNameApproved = new("real-name-approved", [],
        "您的实名认证已通过审核。",
        "Your identity verification was approved.");

    public static readonly SmsTemplate RealNameRejected = new("real-name-rejected", ["reason"],
        "您的实名认证未通过审核：{reason}。",
        "Your identity verification was rejected: {reason}");

    public static readonly SmsTemplate GrantRequestApproved = new("grant-request-approved", ["seal"],
        "您申请的印章授权（{seal}）已批准，可在授权期限内使用。",
        "Your request to use the seal {seal} was approved: you may use it within the granted period.");

    public static readonly SmsTemplate GrantRequestRejected = new("grant-request-rejected", ["seal", "reason"],
        "您申请的印章授权（{seal}）已被驳回：{reason}",
        "Your request to use the seal {seal} was rejected: {reason}");

    public static readonly SmsTemplate CertificateExpiring = new("certificate-expiring", ["serial", "date"],
        "您的个人证书（序列号 {serial}…）将于 {date} 到期，请及时续期。",
        "Your personal certificate (serial {serial}…) expires on {date}: please renew it.");

    /// <summary>Development only: the stand-in bank tells the registrant the micro-deposit amount.</summary>
    public static readonly SmsTemplate DevelopmentBankDeposit = new("dev-bank-deposit", ["bank", "account", "amount"],
        "[DEV BANK] {bank}（尾号 {account}）入账 {amount} CNY",
        "[DEV BANK] {bank} ****{account}: {amount} CNY");

    public static IReadOnlyList<SmsTemplate> All { get; } =
    [
        VerificationCode, MemberInvitation, JoinRequestApproved, JoinRequestDeclined, InformationChangeApproved, InformationChangeRejected,
        OwnerApplicationApproved, OwnerApplicationRejected, RealNameApproved, RealNameRejected, GrantRequestApproved, GrantRequestRejected,
        CertificateExpiring, DevelopmentBankDeposit,
    ];

    public static SmsTemplate Find(string id) =>
        All.FirstOrDefault(t => t.Id == id) ?? throw new ArgumentException($"Unknown SMS template {id}", nameof(id));

    /// <summary>The text a recipient reads: 【signature】 and the template in their language.</summary>
    public static string Render(string templateId, IReadOnlyDictionary<string, string> parameters, string language, string signature) =>
        $"【{signature}】{Find(templateId).Render(parameters, language)}";
}

/// <summary>The catalog's messages with typed parameters.</summary>
public static class SmsMessages
{
    public static SmsMessage VerificationCode(string code) => Of(SmsTemplates.VerificationCode, ("code", code));

    public static SmsMessage MemberInvitation() => Of(SmsTemplates.MemberInvitation);

    public static SmsMessage JoinRequestApproved(string organization) => Of(SmsTemplates.JoinRequestApproved, ("organization", organization));

    public static SmsMessage JoinRequestDeclined(string organization, string reason) =>
        Of(SmsTemplates.JoinRequestDeclined, ("organization", organization), ("reason", reason));

    public static SmsMessage InformationChangeApproved(string organization) =>
        Of(SmsTemplates.InformationChangeApproved, ("organization", organization));

    public static SmsMessage InformationChangeRejected(string organization, string reason) =>
        Of(SmsTemplates.InformationChangeRejected, ("organization", organization), ("reason", reason));

    public static SmsMessage OwnerApplicationApproved(string organization) =>
        Of(SmsTemplates.OwnerApplicationApproved, ("organization", organization));

    public static SmsMessage OwnerApplicationRejected(string organization, string reason) =>
        Of(SmsTemplates.OwnerApplicationRejected, ("organization", organization), ("reason", reason));

    public static SmsMessage RealNameApproved() => Of(SmsTemplates.RealNameApproved);

    public static SmsMessage RealNameRejected(string reason) => Of(SmsTemplates.RealNameRejected, ("reason", reason));

    public static SmsMessage GrantRequestApproved(string seal) => Of(SmsTemplates.GrantRequestApproved, ("seal", seal));

    public static SmsMessage GrantRequestRejected(string seal, string reason) =>
        Of(SmsTemplates.GrantRequestRejected, ("seal", seal), ("reason", reason));

    public static SmsMessage CertificateExpiring(string serial, DateOnly date) =>
        Of(SmsTemplates.CertificateExpiring, ("serial", serial), ("date", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    public static SmsMessage DevelopmentBankDeposit(string bank, string account, string amount) =>
        Of(SmsTemplates.DevelopmentBankDeposit, ("bank", bank), ("account", account), ("amount", amount));

    private static SmsMessage Of(SmsTemplate template, params (string Name, string Value)[] values) =>
        new(template, values.ToDictionary(v => v.Name, v => v.Value));
}
