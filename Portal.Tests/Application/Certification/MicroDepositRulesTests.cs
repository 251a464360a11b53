using Microsoft.Extensions.Time.Testing;
using Portal.Application.Certification;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Tests.Application.Certification;

public class MicroDepositRulesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private MicroDeposit Deposit(long fen = 37) => MicroDepositRules.NewDeposit(Guid.NewGuid(), Guid.NewGuid(), "工商银行", "6222020200001234", fen, Now);

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void Amount_outside_one_fen_to_two_yuan_is_impossible(long fen) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Deposit(fen));

    [Theory]
    [InlineData("0.37", 37L)]
    [InlineData("2", 200L)]
    [InlineData(" 0.1 ", 10L)]
    [InlineData("0.375", null)]
    [InlineData("abc", null)]
    [InlineData("-0.10", null)]
    public void Amounts_are_parsed_to_integer_fen(string text, long? fen) => Assert.Equal(fen, MicroDepositRules.ParseYuan(text));

    [Fact]
    public void At_most_two_applications_per_account_and_per_company_in_24_hours()
    {
        Assert.Null(MicroDepositRules.CanApply(1, 1));
        Assert.Equal(Errors.MicroDepositAccountLimit, MicroDepositRules.CanApply(2, 0)?.Code);
        Assert.Equal(Errors.MicroDepositCompanyLimit, MicroDepositRules.CanApply(0, 2)?.Code);
    }

    [Fact]
    public void A_wrong_amount_says_how_many_attempts_remain_and_the_third_goes_back_to_not_paid()
    {
        var d = Deposit();
        var first = MicroDepositRules.Attempt(d, 38, Now);
        Assert.Equal(Errors.MicroDepositWrongAmount, first?.Code);
        Assert.Equal(2, first!.Args[0]);
        Assert.Equal(1, MicroDepositRules.Attempt(d, 38, Now)!.Args[0]);
        // The right amount on the last attempt still counts.
        Assert.Null(MicroDepositRules.Attempt(d, 37, Now));
    }

    [Fact]
    public void Third_wrong_attempt_exhausts_the_deposit()
    {
        var d = Deposit();
        MicroDepositRules.Attempt(d, 1, Now);
        MicroDepositRules.Attempt(d, 1, Now);
        Assert.Equal(Errors.MicroDepositAttemptsExhausted, MicroDepositRules.Attempt(d, 1, Now)?.Code);
        Assert.Equal(MicroDepositStatus.AttemptsExhausted, d.Status);
        Assert.Equal(Errors.MicroDepositNotPaid, MicroDepositRules.Attempt(d, 37, Now)?.Code);
    }

    [Fact]
    public void The_right_amount_verifies()
    {
        var d = Deposit();
        Assert.Null(MicroDepositRules.Attempt(d, 37, Now));
        Assert.Equal(MicroDepositStatus.Verified, d.Status);
    }

    [Fact]
    public void The_amount_expires_after_five_days()
    {
        var d = Deposit();
        _clock.Advance(TimeSpan.FromDays(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(Errors.MicroDepositWrongAmount, MicroDepositRules.Attempt(d, 1, Now)?.Code);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Errors.MicroDepositExpired, MicroDepositRules.Attempt(d, 37, Now)?.Code);
        Assert.Equal(MicroDepositStatus.Expired, d.Status);
    }
}
