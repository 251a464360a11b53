using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Certification;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;
using Portal.Application.Organizations;
using Portal.Application.Spaces;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Certification;

public class CertificationTests : IAsyncLifetime
{
    private static readonly UploadedFile Png = new("licence.png", [0x89, 0x50, 0x4E, 0x47]);
    private TestDatabase _db = null!;
    private Guid _user, _admin;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true, s => s.AddDomainEventHandler<OrganizationCertified, RecordingHandler>());
        _user = await _db.UserIdAsync(Demo.CaSupport);
        _admin = await _db.UserIdAsync(Demo.PlatformAdmin);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<Guid> CreateDraftAsync(bool legalRep = true, bool mainland = true, string uscc = "91350100M00010000")
    {
        var r = await _db.RunAsync<CreateOrganization, Result<Guid>>(_user, s => s.ExecuteAsync(new CreateOrganizationRequest(
            "测试有限公司", mainland ? Checksums.CompleteUscc(uscc) : "HK-12345678", OrganizationType.Enterprise, "张三",
            mainland ? Checksums.CompleteIdNumber("11010519491231002") : "A1234567", legalRep, "福州市", mainland)));
        ResultAssert.Ok(r);
        var up = await _db.RunAsync<UploadCertificationDocument, Result>(_user, s => s.ExecuteAsync(r.Value, CertificationDocument.BusinessLicense, Png));
        ResultAssert.Ok(up);
        return r.Value;
    }

    private async Task<MicroDeposit> LatestDepositAsync(Guid org)
    {
        await using var ctx = _db.Db(org);
        return await ctx.MicroDeposits.OrderByDescending(d => d.CreatedAtUtc).FirstAsync();
    }

    private Task<Result> ConfirmAsync(Guid org, string amount) =>
        _db.RunAsync<ConfirmMicroDeposit, Result>(_user, s => s.ExecuteAsync(org, amount));

    private Task<Result> RequestAsync(Guid org) =>
        _db.RunAsync<RequestMicroDeposit, Result>(_user, s => s.ExecuteAsync(org, "工商银行", "6222 0202 0000 1234"));

    [Fact]
    public async Task Micro_deposit_certifies_raises_the_event_and_makes_the_organization_a_space()
    {
        var org = await CreateDraftAsync();
        var spaces = await _db.RunAsync<ListMySpaces, (IReadOnlyList<SpaceOption> Spaces, Guid? Current)>(_user, s => s.ExecuteAsync());
        Assert.DoesNotContain(spaces.Spaces, s => s.OrganizationId == org);

        Assert.True((await RequestAsync(org)).Succeeded);
        var deposit = await LatestDepositAsync(org);
        Assert.InRange(deposit.AmountFen, 1, 200);
        await using (var ctx = _db.Db())
        {
            // The development bank tells the registrant the amount through the outbox.
            Assert.True(await ctx.SmsOutbox.AnyAsync(m => m.Phone == Demo.CaSupport && m.Text.Contains(MicroDepositRules.FormatYuan(deposit.AmountFen))));
        }
        var wrong = await ConfirmAsync(org, MicroDepositRules.FormatYuan(deposit.AmountFen == 1 ? 2 : deposit.AmountFen - 1));
        ResultAssert.Refused(Errors.MicroDepositWrongAmount, wrong);
        Assert.Equal(2, wrong.Error!.Args[0]);

        Assert.True((await ConfirmAsync(org, MicroDepositRules.FormatYuan(deposit.AmountFen))).Succeeded);
        await using (var ctx = _db.Db())
        {
            Assert.Equal(OrganizationStatus.Certified, (await ctx.Organizations.SingleAsync(o => o.Id == org)).Status);
        }
        Assert.Contains(RecordingHandler.Seen, e => e.OrganizationId == org);
        spaces = await _db.RunAsync<ListMySpaces, (IReadOnlyList<SpaceOption> Spaces, Guid? Current)>(_user, s => s.ExecuteAsync());
        Assert.Contains(spaces.Spaces, s => s.OrganizationId == org);
    }

    [Fact]
    public async Task Three_wrong_amounts_go_back_to_not_paid_and_two_applications_per_day_is_the_limit()
    {
        var org = await CreateDraftAsync();
        Assert.True((await RequestAsync(org)).Succeeded);
        var deposit = await LatestDepositAsync(org);
        var wrong = MicroDepositRules.FormatYuan(deposit.AmountFen == 1 ? 2 : deposit.AmountFen - 1);
        await ConfirmAsync(org, wrong);
        await ConfirmAsync(org, wrong);
        Assert.Equal(Errors.MicroDepositAttemptsExhausted, (await ConfirmAsync(org, wrong)).Error?.Code);
        Assert.Equal(Errors.MicroDepositNotPaid, (await ConfirmAsync(org, MicroDepositRules.FormatYuan(deposit.AmountFen))).Error?.Code);

        Assert.True((await RequestAsync(org)).Succeeded);
        Assert.Equal(Errors.MicroDepositAccountLimit, (await RequestAsync(org)).Error?.Code);
        _db.Clock.Advance(TimeSpan.FromHours(24));
        Assert.True((await RequestAsync(org)).Succeeded);
    }

    [Fact]
    public async Task An_expired_amount_is_refused()
    {
        var org = await CreateDraftAsync();
        Assert.True((await RequestAsync(org)).Succeeded);
        var deposit = await LatestDepositAsync(org);
        _db.Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(Errors.MicroDepositExpired, (await ConfirmAsync(org, MicroDepositRules.FormatYuan(deposit.AmountFen))).Error?.Code);
    }

    [Fact]
    public async Task Documents_are_required_before_a_channel_starts()
    {
        var r = await _db.RunAsync<CreateOrganization, Result<Guid>>(_user, s => s.ExecuteAsync(new CreateOrganizationRequest(
            "无执照公司", Checksums.CompleteUscc("91350100M00020000"), OrganizationType.Enterprise, "李四",
            Checksums.CompleteIdNumber("11010519491231002"), false)));
        Assert.Equal(Errors.BusinessLicenseRequired, (await RequestAsync(r.Value)).Error?.Code);
        await _db.RunAsync<UploadCertificationDocument, Result>(_user, s => s.ExecuteAsync(r.Value, CertificationDocument.BusinessLicense, Png));
        Assert.Equal(Errors.AuthorizationLetterRequired, (await RequestAsync(r.Value)).Error?.Code);
        var bad = await _db.RunAsync<UploadCertificationDocument, Result>(_user, s => s.ExecuteAsync(r.Value, CertificationDocument.AuthorizationLetter,
            new UploadedFile("letter.exe", [1])));
        ResultAssert.Refused(Errors.FileTypeNotAllowed, bad);
    }

    [Fact]
    public async Task Non_mainland_goes_to_manual_review_where_withdraw_is_refused_and_rejection_can_continue()
    {
        var org = await CreateDraftAsync(mainland: false);
        Assert.Equal(Errors.NonMainlandManualReviewOnly, (await RequestAsync(org)).Error?.Code);
        Assert.True((await _db.RunAsync<SubmitForManualReview, Result>(_user, s => s.ExecuteAsync(org))).Succeeded);
        Assert.Equal(Errors.WithdrawRefusedUnderReview, (await _db.RunAsync<WithdrawCertification, Result>(_user, s => s.ExecuteAsync(org))).Error?.Code);

        await using (var scope = _db.As(_admin, PlatformRoles.PlatformAdmin))
        {
            var queue = await scope.ServiceProvider.GetRequiredService<ListCertificationQueue>().ExecuteAsync();
            Assert.Contains(queue.Value!, q => q.OrganizationId == org);
            var review = scope.ServiceProvider.GetRequiredService<ReviewCertification>();
            Assert.Equal(Errors.ReasonRequired, (await review.ExecuteAsync(org, false, null)).Error?.Code);
            Assert.True((await review.ExecuteAsync(org, false, "执照模糊")).Succeeded);
        }
        var view = await _db.RunAsync<GetCertification, Result<CertificationView>>(_user, s => s.ExecuteAsync(org));
        Assert.Equal(OrganizationStatus.Rejected, view.Value!.Status);
        Assert.Equal("执照模糊", view.Value.ReviewNote);
        Assert.True((await _db.RunAsync<ContinueCertification, Result>(_user, s => s.ExecuteAsync(org))).Succeeded);
        Assert.True((await _db.RunAsync<SubmitForManualReview, Result>(_user, s => s.ExecuteAsync(org))).Succeeded);
    }

    [Fact]
    public async Task Withdraw_then_continue_and_certify_by_legal_representative_code()
    {
        var org = await CreateDraftAsync();
        Assert.True((await RequestAsync(org)).Succeeded);
        Assert.True((await _db.RunAsync<WithdrawCertification, Result>(_user, s => s.ExecuteAsync(org))).Succeeded);
        Assert.Equal(Errors.OrganizationNotDraft, (await RequestAsync(org)).Error?.Code);
        Assert.True((await _db.RunAsync<ContinueCertification, Result>(_user, s => s.ExecuteAsync(org))).Succeeded);

        Assert.True((await _db.RunAsync<SendLegalRepresentativeCode, Result>(_user, s => s.ExecuteAsync(org, "13911112222"))).Succeeded);
        Assert.Equal(Errors.SmsCodeInvalid, (await _db.RunAsync<ConfirmLegalRepresentativeCode, Result>(_user, s => s.ExecuteAsync(org, "000000"))).Error?.Code);
        string text;
        await using (var ctx = _db.Db())
        {
            text = await ctx.SmsOutbox.Where(m => m.Phone == "13911112222").Select(m => m.Text).SingleAsync();
        }
        var code = new string(text.Where(char.IsAsciiDigit).ToArray())[..6];
        Assert.True((await _db.RunAsync<ConfirmLegalRepresentativeCode, Result>(_user, s => s.ExecuteAsync(org, code))).Succeeded);
    }

    [Fact]
    public async Task Only_the_owner_runs_the_certification()
    {
        var org = await CreateDraftAsync();
        var stranger = await _db.UserIdAsync(Demo.EnterpriseMember);
        var r = await _db.RunAsync<RequestMicroDeposit, Result>(stranger, s => s.ExecuteAsync(org, "工商银行", "6222020200001234"));
        ResultAssert.Refused(Errors.NotAMember, r);
        var notAdmin = await _db.RunAsync<ReviewCertification, Result>(_user, s => s.ExecuteAsync(org, true, null));
        ResultAssert.Refused(Errors.Forbidden, notAdmin);
    }
}

/// <summary>A test subscriber: proves handlers run for <see cref="OrganizationCertified"/>.</summary>
public sealed class RecordingHandler : IDomainEventHandler<OrganizationCertified>
{
    public static readonly System.Collections.Concurrent.ConcurrentBag<OrganizationCertified> Seen = [];

    public Task HandleAsync(IPortalDbContext db, OrganizationCertified domainEvent, CancellationToken cancellationToken)
    {
        Seen.Add(domainEvent);
        return Task.CompletedTask;
    }
}
