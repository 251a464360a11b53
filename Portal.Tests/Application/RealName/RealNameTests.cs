using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.RealName;
using Portal.Application.Seeding;
using Portal.Tests.Support;

namespace Portal.Tests.Application.RealName;

public class RealNameTests : IAsyncLifetime
{
    private static readonly UploadedFile Photo = new("passport.jpg", [0xFF, 0xD8, 0xFF, 0xE0]);
    private TestDatabase _db = null!;
    private Guid _zhao, _zheng, _admin;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _zhao = await _db.UserIdAsync(Demo.EnterpriseMember2);
        _zheng = await _db.UserIdAsync("13700000006");
        _admin = await _db.UserIdAsync(Demo.PlatformAdmin);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static string Id(string first17) => Checksums.CompleteIdNumber(first17);

    private Task<Result<Guid>> StartAsync(Guid user, StartRealNameRequest request) =>
        _db.RunAsync<StartRealNameVerification, Result<Guid>>(user, s => s.ExecuteAsync(request));

    private Task<Result> ConfirmAsync(Guid user, Guid attempt, string? code) =>
        _db.RunAsync<ConfirmRealNameVerification, Result>(user, s => s.ExecuteAsync(attempt, code));

    private Task<RealNameState> StateAsync(Guid user) =>
        _db.RunAsync<GetRealNameStatus, RealNameState>(user, async s => (await s.ExecuteAsync()).Value!);

    private async Task<string> LastCodeAsync(string phone)
    {
        await using var ctx = _db.Db();
        var text = await ctx.SmsOutbox.Where(m => m.Phone == phone).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync();
        return Regex.Match(text, @"\d{6}").Value;
    }

    private async Task<PortalUser> UserAsync(Guid id)
    {
        await using var ctx = _db.Db();
        return await ctx.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    [Fact]
    public async Task Demo_seed_verifies_every_member_but_the_two_kept_for_the_reminder()
    {
        await using var ctx = _db.Db();
        var members = await ctx.Users.AsNoTracking()
            .Where(u => u.UserName!.StartsWith("138") || u.UserName!.StartsWith("137")).ToListAsync();
        Assert.Equal(11, members.Count);
        foreach (var u in members)
        {
            var expectVerified = !DemoSeed.UnverifiedMembers.Contains(u.UserName!);
            Assert.Equal(expectVerified, u.RealNameVerifiedAtUtc is not null);
            Assert.Equal(expectVerified ? u.DisplayName : null, u.RealName);
        }
        var liuId = members.Single(m => m.UserName == Demo.EnterpriseLegalRep).Id;
        var liu = await ctx.RealNameVerifications.IgnoreQueryFilters().SingleAsync(v => v.OwnerUserId == liuId);
        Assert.Equal(Id("11010519800101123"), liu.IdNumber);
        Assert.Equal(RealNameStatus.Verified, liu.Status);
        Assert.False((await StateAsync(_zhao)).Verified);
    }

    [Fact]
    public async Task Phone_three_factor_checks_input_then_the_code_and_verifies_once()
    {
        var good = new StartRealNameRequest("赵敏", Id("11010519920202112"), RealNameChannel.PhoneThreeFactor, "13612345678");
        Assert.Equal(Errors.IdNumberInvalid, (await StartAsync(_zhao, good with { IdNumber = "110105199202021120" })).Error?.Code);
        Assert.Equal(Errors.NameRequired, (await StartAsync(_zhao, good with { Name = "  " })).Error?.Code);
        Assert.Equal(Errors.PhoneInvalid, (await StartAsync(_zhao, good with { Phone = "12345" })).Error?.Code);

        var started = await StartAsync(_zhao, good);
        ResultAssert.Ok(started);
        Assert.Equal(started.Value, (await StateAsync(_zhao)).PendingChallengeId);
        var code = await LastCodeAsync("13612345678");

        var wrong = await ConfirmAsync(_zhao, started.Value, code == "000000" ? "111111" : "000000");
        Assert.Equal(new PortalError(Errors.SmsCodeInvalid, 4).ToString(), wrong.Error?.ToString());
        Assert.Null((await UserAsync(_zhao)).RealNameVerifiedAtUtc);

        Assert.True((await ConfirmAsync(_zhao, started.Value, code)).Succeeded);
        var user = await UserAsync(_zhao);
        Assert.Equal("赵敏", user.RealName);
        Assert.Equal(_db.Clock.GetUtcNow().UtcDateTime, user.RealNameVerifiedAtUtc);
        var state = await StateAsync(_zhao);
        Assert.True(state.Verified);
        Assert.Equal(RealNameChannel.PhoneThreeFactor, state.Channel);
        Assert.DoesNotContain("202021", state.IdNumberMasked);

        Assert.Equal(Errors.RequestNotPending, (await ConfirmAsync(_zhao, started.Value, code)).Error?.Code);
        Assert.Equal(Errors.RealNameAlreadyVerified, (await StartAsync(_zhao, good with { Channel = RealNameChannel.Face })).Error?.Code);
    }

    [Fact]
    public async Task Registry_mismatch_is_refused_and_records_no_attempt()
    {
        var r = await StartAsync(_zhao, new StartRealNameRequest("赵敏", Id("11010519920202000"), RealNameChannel.Face));
        ResultAssert.Refused(Errors.RealNameMismatch, r);
        await using var ctx = _db.Db(null, _zhao);
        Assert.False(await ctx.RealNameVerifications.AnyAsync());
    }

    [Fact]
    public async Task Bank_card_four_factor_checks_the_card_and_sends_the_code_to_the_reserved_phone()
    {
        var request = new StartRealNameRequest("赵敏", Id("11010519920202112"), RealNameChannel.BankCardFourFactor, "13655556666", "4111 1111 1111 1112");
        Assert.Equal(Errors.BankCardInvalid, (await StartAsync(_zhao, request)).Error?.Code);
        var started = await StartAsync(_zhao, request with { BankCard = "4111 1111 1111 1111" });
        ResultAssert.Ok(started);
        Assert.True((await ConfirmAsync(_zhao, started.Value, await LastCodeAsync("13655556666"))).Succeeded);
        Assert.True((await StateAsync(_zhao)).Verified);
    }

    [Fact]
    public async Task An_identity_verified_on_one_account_is_refused_on_another()
    {
        var r = await StartAsync(_zhao, new StartRealNameRequest("王强", DemoSeed.DemoIdNumber(Demo.EnterpriseMember), RealNameChannel.Face));
        ResultAssert.Refused(Errors.RealNameIdInUse, r);
    }

    [Fact]
    public async Task Someone_elses_attempt_cannot_be_confirmed()
    {
        var started = await StartAsync(_zhao, new StartRealNameRequest("赵敏", Id("11010519920202112"), RealNameChannel.Face));
        ResultAssert.Ok(started);
        var code = await LastCodeAsync(Demo.EnterpriseMember2);
        Assert.Equal(Errors.NotFound, (await ConfirmAsync(_zheng, started.Value, code)).Error?.Code);
        Assert.Null((await UserAsync(_zheng)).RealNameVerifiedAtUtc);
        Assert.Null((await UserAsync(_zhao)).RealNameVerifiedAtUtc);
    }

    [Fact]
    public async Task Non_mainland_manual_review_rejects_with_a_reason_then_approves()
    {
        var submit = (RealNameReviewRequest r) => _db.RunAsync<SubmitRealNameForReview, Result<Guid>>(_zheng, s => s.ExecuteAsync(r));
        var request = new RealNameReviewRequest("Cheng Ho", "H12345678", Photo);
        Assert.Equal(Errors.IdPhotoRequired, (await submit(request with { IdPhoto = null })).Error?.Code);
        Assert.Equal(Errors.IdNumberInvalid, (await submit(request with { DocumentNumber = "H1" })).Error?.Code);
        Assert.Equal(Errors.FileTypeNotAllowed, (await submit(request with { IdPhoto = new("x.exe", [1]) })).Error?.Code);
        var first = await submit(request);
        ResultAssert.Ok(first);
        Assert.Equal(Errors.ReviewPending, (await submit(request)).Error?.Code);
        Assert.Equal(Errors.ReviewPending,
            (await StartAsync(_zheng, new StartRealNameRequest("郑浩", Id("11010519920202112"), RealNameChannel.Face))).Error?.Code);
        Assert.True((await StateAsync(_zheng)).ReviewPending);

        var queue = await _db.RunAsync<ListRealNameReviews, Result<IReadOnlyList<RealNameReviewRow>>>(_zheng, s => s.ExecuteAsync());
        ResultAssert.Refused(Errors.Forbidden, queue);
        await using (var scope = _db.As(_admin, PlatformRoles.PlatformAdmin))
        {
            var rows = (await scope.ServiceProvider.GetRequiredService<ListRealNameReviews>().ExecuteAsync()).Value!;
            Assert.Equal(first.Value, Assert.Single(rows).Id);
            var review = scope.ServiceProvider.GetRequiredService<ReviewRealName>();
            Assert.Equal(Errors.ReasonRequired, (await review.ExecuteAsync(first.Value, false, " ")).Error?.Code);
            Assert.True((await review.ExecuteAsync(first.Value, false, "照片模糊")).Succeeded);
            Assert.Equal(Errors.RequestNotPending, (await review.ExecuteAsync(first.Value, true, null)).Error?.Code);
        }
        Assert.Equal(Errors.Forbidden, (await _db.RunAsync<ReviewRealName, Result>(_zheng, s => s.ExecuteAsync(first.Value, true, null))).Error?.Code);
        var rejected = await StateAsync(_zheng);
        Assert.False(rejected.Verified);
        Assert.Equal("照片模糊", rejected.LastRejectionReason);
        await using (var ctx = _db.Db())
        {
            Assert.True(await ctx.SmsOutbox.AnyAsync(m => m.Phone == "13700000006" && m.Text.Contains("照片模糊")));
        }

        var second = await submit(request);
        ResultAssert.Ok(second);
        await using (var scope = _db.As(_admin, PlatformRoles.PlatformAdmin))
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<ReviewRealName>().ExecuteAsync(second.Value, true, null)).Succeeded);
        }
        var user = await UserAsync(_zheng);
        Assert.Equal("Cheng Ho", user.RealName);
        Assert.NotNull(user.RealNameVerifiedAtUtc);
    }
}
