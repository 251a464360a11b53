namespace Portal.Application.Common;

/// <summary>Check digits of Chinese identifiers.</summary>
public static class Checksums
{
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheckChars = "10X98765432";

    /// <summary>统一社会信用代码: 18 characters of GB 32100's alphabet, the last a check character.</summary>
    public static bool IsValidUscc(string? value)
    {
        if (value is null || value.Length != 18)
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = UsccAlphabet.IndexOf(value[i]);
            if (v < 0)
            {
                return false;
            }
            sum += v * UsccWeights[i];
        }
        var check = (31 - (sum % 31)) % 31;
        return UsccAlphabet[check] == value[17];
    }

    /// <summary>居民身份证号: 17 digits, a valid birth date, then the GB 11643 check character (0-9 or X).</summary>
    public static bool IsValidIdNumber(string? value)
    {
        if (value is null || value.Length != 18)
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
            sum += (value[i] - '0') * IdWeights[i];
        }
        if (!DateTime.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var birth) || birth.Year < 1800 || birth > DateTime.Today)
        {
            return false;
        }
        return IdCheckChars[sum % 11] == char.ToUpperInvariant(value[17]);
    }

    /// <summary>Completes 17 characters with their USCC check character (used by seeds and tests).</summary>
    public static string CompleteUscc(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += UsccAlphabet.IndexOf(first17[i]) * UsccWeights[i];
        }
        return first17 + UsccAlphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>Completes 17 digits with their ID-number check character (used by seeds and tests).</summary>
    public static string CompleteIdNumber(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * IdWeights[i];
        }
        return first17 + IdCheckChars[sum % 11];
    }
}
