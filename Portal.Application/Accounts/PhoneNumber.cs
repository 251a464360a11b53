using System.Text.RegularExpressions;

namespace Portal.Application.Accounts;

/// <summary>
/// Mobile numbers accepted for accounts: mainland (11 digits, 1[3-9]…) and, as in seed 001,
/// Hong Kong (+852), Macau (+853) and Taiwan (+886). The normalized form is the account's user name.
/// </summary>
public static partial class PhoneNumber
{
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mainland();

    [GeneratedRegex(@"^\+852[4-9]\d{7}$")]
    private static partial Regex HongKong();

    [GeneratedRegex(@"^\+8536\d{7}$")]
    private static partial Regex Macau();

    [GeneratedRegex(@"^\+8869\d{8}$")]
    private static partial Regex Taiwan();

    /// <summary>Returns the normalized number, or null when it is not an accepted mobile number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        var s = new string([.. input.Where(c => !char.IsWhiteSpace(c) && c != '-')]);
        if (s.StartsWith("+86", StringComparison.Ordinal) && s.Length == 14)
        {
            s = s[3..];
        }
        else if (s.StartsWith("00", StringComparison.Ordinal))
        {
            s = "+" + s[2..];
        }
        // Taiwan numbers are often written with the trunk 0: +886 09xx…
        if (s.StartsWith("+8860", StringComparison.Ordinal))
        {
            s = "+886" + s[5..];
        }
        return Mainland().IsMatch(s) || HongKong().IsMatch(s) || Macau().IsMatch(s) || Taiwan().IsMatch(s) ? s : null;
    }

    /// <summary>A form safe to show others: 138****8000.</summary>
    public static string Mask(string phone) =>
        phone.Length >= 7 ? phone[..(phone.Length - 8)] + "****" + phone[^4..] : phone;
}
