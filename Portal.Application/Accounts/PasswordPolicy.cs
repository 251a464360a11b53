namespace Portal.Application.Accounts;

/// <summary>8–16 characters with at least three of: upper case, lower case, digit, special character.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 16;

    public static bool IsSatisfiedBy(string? password)
    {
        if (password is null || password.Length < MinLength || password.Length > MaxLength)
        {
            return false;
        }
        if (password.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }
        var classes = 0;
        if (password.Any(char.IsAsciiLetterUpper))
        {
            classes++;
        }
        if (password.Any(char.IsAsciiLetterLower))
        {
            classes++;
        }
        if (password.Any(char.IsAsciiDigit))
        {
            classes++;
        }
        if (password.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            classes++;
        }
        return classes >= 3;
    }
}
