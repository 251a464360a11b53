using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>Input rules of 实名认证, shared by the commands and the form.</summary>
public static class RealNameRules
{
    public const int MaxNameLength = 50;

    public static PortalError? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength ? new PortalError(Errors.NameRequired) : null;

    /// <summary>Mainland: 18-character 居民身份证号 with its GB 11643 check digit.</summary>
    public static PortalError? CheckMainlandId(string? idNumber) =>
        Checksums.IsValidIdNumber(Normalize(idNumber)) ? null : new PortalError(Errors.IdNumberInvalid);

    /// <summary>Non-mainland documents (passport, 港澳台 permits): 5–30 letters, digits or hyphens.</summary>
    public static PortalError? CheckDocumentNumber(string? number)
    {
        var n = Normalize(number);
        return n.Length is >= 5 and <= 30 && n.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? null : new PortalError(Errors.IdNumberInvalid);
    }

    /// <summary>Bank card: 12–19 digits passing the Luhn check.</summary>
    public static bool IsValidBankCard(string? card)
    {
        var c = (card ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (c.Length is < 12 or > 19 || !c.All(char.IsAsciiDigit))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < c.Length; i++)
        {
            var d = c[c.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    public static string Normalize(string? idNumber) => (idNumber ?? "").Trim().ToUpperInvariant();

    /// <summary>Shows the first and last characters only (110105********123X).</summary>
    public static string Mask(string idNumber) =>
        idNumber.Length <= 6 ? new string('*', idNumber.Length) : idNumber[..4] + new string('*', idNumber.Length - 8) + idNumber[^4..];

    internal static bool IsPhone(string? phone) => PhoneNumber.Normalize(phone) is not null;
}
