using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Accounts;

public class RegisterUserTests : IAsyncLifetime
{
    private const string Phone = "13612345678";
    private const string Password = "Secret#2026";
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<string> SendCodeAsync(string phone, SmsPurpose purpose, Guid? asUser = null)
    {
        var sent = await _db.RunAsync<SendSmsCode, Result>(asUser, s => s.SendSolvedAsync(phone, purpose));
        ResultAssert.Ok(sent);
        await using var ctx = _db.Db();
        var text = await ctx.SmsOutbox.Where(m => m.Phone == PhoneNumber.Normalize(phone)).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync();
        return Regex.Match(text, @"\d{6}").Value;
    }

    private Task<Result<Guid>> RegisterAsync(RegisterRequest r) => _db.RunAsync<RegisterUser, Result<Guid>>(null, s => s.ExecuteAsync(r));

    [Fact]
    public async Task Registers_with_a_valid_code_and_the_password_works()
    {
        var code = await SendCodeAsync(Phone, SmsPurpose.Register);
        var r = await RegisterAsync(new RegisterRequest(Phone, "新用户", Password, Password, code, true));
        ResultAssert.Ok(r);
        await using var scope = _db.As(null);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync(Phone);
        Assert.NotNull(user);
        Assert.True(await users.CheckPasswordAsync(user, Password));
        Assert.NotNull(user.TermsAcceptedAtUtc);
    }

    [Theory]
    [InlineData("1361234567", "新用户", Password, Password, true, Errors.PhoneInvalid)]
    [InlineData(Phone, "", Password, Password, true, Errors.NameRequired)]
    [InlineData(Phone, "新用户", "weakpass", "weakpass", true, Errors.PasswordPolicy)]
    [InlineData(Phone, "新用户", Password, "Secret#2027", true, Errors.PasswordMismatch)]
    [InlineData(Phone, "新用户", Password, Password, false, Errors.TermsRequired)]
    public async Task Bad_input_is_refused_and_keeps_the_code_usable(string phone, string name, string pw, string confirm, bool terms, string error)
    {
        var code = await SendCodeAsync(Phone, SmsPurpose.Register);
        var r = await RegisterAsync(new RegisterRequest(phone, name, pw, confirm, code, terms));
        Assert.Equal(error, r.Error?.Code);
        // Nothing changed: the code still registers the account.
        Assert.True((await RegisterAsync(new RegisterRequest(Phone, "新用户", Password, Password, code, true))).Succeeded);
    }

    [Fact]
    public async Task A_wrong_code_is_refused()
    {
        var code = await SendCodeAsync(Phone, SmsPurpose.Register);
        var r = await RegisterAsync(new RegisterRequest(Phone, "新用户", Password, Password, code == "123456" ? "654321" : "123456", true));
        ResultAssert.Refused(Errors.SmsCodeInvalid, r);
    }

    [Fact]
    public async Task A_registered_number_is_told_taken_only_after_its_code_checks()
    {
        var code = await SendCodeAsync(Phone, SmsPurpose.Register);
        Assert.True((await RegisterAsync(new RegisterRequest(Phone, "新用户", Password, Password, code, true))).Succeeded);
        _db.Clock.Advance(TimeSpan.FromMinutes(2));
        // The send answers as for any number (no "taken" to an anonymous client); a code goes to the number.
        var again = await SendCodeAsync(Phone, SmsPurpose.Register);
        // Without the code nobody learns more than "wrong code" …
        var guess = await RegisterAsync(new RegisterRequest(Phone, "冒名者", Password, Password, again == "123456" ? "654321" : "123456", true));
        ResultAssert.Refused(Errors.SmsCodeInvalid, guess);
        // … the number's holder, with its code, is told the truth; nothing changes.
        var holder = await RegisterAsync(new RegisterRequest(Phone, "又一个", Password, Password, again, true));
        ResultAssert.Refused(Errors.PhoneTaken, holder);
        await using var ctx = _db.Db();
        Assert.Equal(1, await ctx.Users.CountAsync(u => u.UserName == Phone));
    }

    [Fact]
    public async Task Password_recovery_by_sms_sets_a_new_password()
    {
        var code = await SendCodeAsync(Phone, SmsPurpose.Register);
        var id = (await RegisterAsync(new RegisterRequest(Phone, "新用户", Password, Password, code, true))).Value;
        _db.Clock.Advance(TimeSpan.FromMinutes(2));
        var resetCode = await SendCodeAsync(Phone, SmsPurpose.ResetPassword);
        var r = await _db.RunAsync<ResetPassword, Result>(null, s => s.ExecuteAsync(Phone, resetCode, "NewSecret#1", "NewSecret#1"));
        ResultAssert.Ok(r);
        await using var scope = _db.As(id);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(id.ToString()))!, "NewSecret#1"));
    }

    [Fact]
    public async Task Changing_the_phone_needs_codes_to_both_numbers()
    {
        var code = await SendCodeAsync(Phone, SmsPurpose.Register);
        var id = (await RegisterAsync(new RegisterRequest(Phone, "新用户", Password, Password, code, true))).Value;
        _db.Clock.Advance(TimeSpan.FromMinutes(2));
        // A signed-in user's own numbers: no captcha, but signed in (anonymously these purposes are refused).
        ResultAssert.Refused(Errors.NotSignedIn, await _db.RunAsync<SendSmsCode, Result>(null, s => s.ExecuteAsync(Phone, SmsPurpose.ChangePhoneOld)));
        var oldCode = await SendCodeAsync(Phone, SmsPurpose.ChangePhoneOld, id);
        const string newPhone = "+85291234567";
        var newCode = await SendCodeAsync(newPhone, SmsPurpose.ChangePhoneNew, id);
        var wrong = await _db.RunAsync<ChangePhone, Result>(id, s => s.ExecuteAsync(oldCode, newPhone, newCode == "000000" ? "111111" : "000000"));
        ResultAssert.Refused(Errors.SmsCodeInvalid, wrong);
        // A wrong new-number code burns neither code: the same pair works on the next try.
        var ok = await _db.RunAsync<ChangePhone, Result>(id, s => s.ExecuteAsync(oldCode, newPhone, newCode));
        ResultAssert.Ok(ok);
        await using var ctx = _db.Db();
        Assert.Equal(newPhone, await ctx.Users.Where(u => u.Id == id).Select(u => u.UserName).SingleAsync());
    }

    [Fact]
    public async Task Changing_the_password_needs_the_old_one()
    {
        var code = await SendCodeAsync(Phone, SmsPurpose.Register);
        var id = (await RegisterAsync(new RegisterRequest(Phone, "新用户", Password, Password, code, true))).Value;
        var wrong = await _db.RunAsync<ChangePassword, Result>(id, s => s.ExecuteAsync("Wrong#2026x", "Another#2026", "Another#2026"));
        ResultAssert.Refused(Errors.PasswordWrong, wrong);
        var ok = await _db.RunAsync<ChangePassword, Result>(id, s => s.ExecuteAsync(Password, "Another#2026", "Another#2026"));
        ResultAssert.Ok(ok);
    }
}
