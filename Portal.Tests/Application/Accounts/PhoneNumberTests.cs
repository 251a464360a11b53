using Portal.Application.Accounts;

namespace Portal.Tests.Application.Accounts;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("+8613800138000", "13800138000")]
    [InlineData("19912345678", "19912345678")]
    [InlineData("+85291234567", "+85291234567")]
    [InlineData("0085261234567", "+85261234567")]
    [InlineData("+85366123456", "+85366123456")]
    [InlineData("+886912345678", "+886912345678")]
    [InlineData("+8860912345678", "+886912345678")]
    public void Normalizes_accepted_numbers(string input, string expected) => Assert.Equal(expected, PhoneNumber.Normalize(input));

    [Theory]
    [InlineData("12800138000")]   // second digit 2
    [InlineData("1380013800")]    // 10 digits
    [InlineData("138001380001")]  // 12 digits
    [InlineData("+85212345678")]  // HK landline prefix 1
    [InlineData("+8521234567")]   // HK 7 digits
    [InlineData("+85356123456")]  // Macau mobile starts with 6
    [InlineData("+886812345678")] // Taiwan mobile starts with 9
    [InlineData("+1 415 555 0100")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_other_numbers(string? input) => Assert.Null(PhoneNumber.Normalize(input));

    [Fact]
    public void Masks_the_middle_digits() => Assert.Equal("138****8000", PhoneNumber.Mask("13800138000"));
}
