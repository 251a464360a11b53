using Portal.Application.Accounts;

namespace Portal.Tests.Application.Accounts;

public class PasswordPolicyTests
{
    [Theory]
    [InlineData("Abcdef12", true)]       // upper, lower, digit
    [InlineData("abcdef1!", true)]       // lower, digit, special
    [InlineData("ABCDEF1!", true)]       // upper, digit, special
    [InlineData("Abcdefg!", true)]       // upper, lower, special
    [InlineData("Abcd1!xyZ0123456", true)] // 16 characters
    [InlineData("Abcd1!xyZ01234567", false)] // 17 characters
    [InlineData("Abc12!", false)]        // 6 characters
    [InlineData("Abcdefgh", false)]      // two classes
    [InlineData("12345678", false)]      // one class
    [InlineData("abcdefg1", false)]      // two classes
    [InlineData("Abc def1", false)]      // whitespace
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Accepts_8_to_16_characters_with_three_classes(string? password, bool expected) =>
        Assert.Equal(expected, PasswordPolicy.IsSatisfiedBy(password));
}
