using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Certification;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;
using Portal.Application.Organizations;
using Portal.Application.Seeding;
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

    /// <summary>A draft with its business licence and authorization letter (the registrant, CA support, is not the legal representative).</summary>
    private async Task<Guid> CreateDraftAsync(bool mainland = true, string uscc = "91350100M00010000", string name = "测试有限公司",
        string legalName = "张三", string? legalId = null, bool usccComplete = false)
    {
        var r = await _db.RunAsync<CreateOrganization, Result<Guid>>(_user, s => s.ExecuteAsync(new CreateOrganizationRequest(
            name, mainland ? usccComplete ? uscc : Checksums.CompleteUscc(uscc) : "HK-12345678", OrganizationType.Enterprise, legalName,
            mainland ? legalId ?? Checksums.CompleteIdNumber("11010519491231002") : "A1234567", false, "福州市", mainland)));
        ResultAssert.Ok(r);
        ResultAssert.Ok(await _db.RunAsync<UploadCertificationDocument, Result>(_user, s => s.ExecuteAsync(r.Value, CertificationDocument.BusinessLicense, Png)));
        ResultAssert.Ok(await _db.RunAsync<UploadCertificationDocument, Result>(_user, s => s.ExecuteAsync(r.Value, CertificationDocument.AuthorizationLetter, Png)));
        return r.Value;
    }

    private async Task<Organization> OrganizationAsync(Guid org)
    {
        await using var ctx = _db.Db();
        return await ctx.Organizations.AsNoTracking().SingleAsync(o => o.Id == org);
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
        // The legal representative is a real person the operator knows: 李娜, with her own number.
        var org = await CreateDraftAsync(legalName: "李娜", legalId: DemoSeed.DemoIdNumber(Demo.EnterpriseSealAdmin));
        Assert.True((await RequestAsync(org)).Succeeded);
        Assert.True((await _db.RunAsync<WithdrawCertification, Result>(_user, s => s.ExecuteAsync(org))).Succeeded);
        Assert.Equal(Errors.OrganizationNotDraft, (await RequestAsync(org)).Error?.Code);
        Assert.True((await _db.RunAsync<ContinueCertification, Result>(_user, s => s.ExecuteAsync(org))).Succeeded);

        // 李娜's own real-name code went to her phone in the seed: the one-per-60-s limit has passed.
        _db.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True((await _db.RunAsync<SendLegalRepresentativeCode, Result>(_user, s => s.ExecuteAsync(org, Demo.EnterpriseSealAdmin))).Succeeded);
        Assert.Equal(Errors.SmsCodeInvalid, (await _db.RunAsync<ConfirmLegalRepresentativeCode, Result>(_user, s => s.ExecuteAsync(org, "000000"))).Error?.Code);
        string text;
        await using (var ctx = _db.Db())
        {
            text = await ctx.SmsOutbox.Where(m => m.Phone == Demo.EnterpriseSealAdmin).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync();
        }
        var code = new string(text.Where(char.IsAsciiDigit).ToArray())[..6];
        Assert.True((await _db.RunAsync<ConfirmLegalRepresentativeCode, Result>(_user, s => s.ExecuteAsync(org, code))).Succeeded);
    }

    [Fact]
    public async Task The_legal_representative_code_goes_only_to_a_phone_the_operator_ties_to_the_representative()
    {
        var org = await CreateDraftAsync(legalName: "李娜", legalId: DemoSeed.DemoIdNumber(Demo.EnterpriseSealAdmin));
        // The registrant names their own phone, then another verified person's: the three-factor check refuses both.
        foreach (var phone in new[] { Demo.CaSupport, Demo.EnterpriseMember })
        {
            var r = await _db.RunAsync<SendLegalRepresentativeCode, Result>(_user, s => s.ExecuteAsync(org, phone));
            ResultAssert.Refused(Errors.LegalRepresentativePhoneMismatch, r);
            await using var ctx = _db.Db();
            Assert.False(await ctx.SmsCodes.AnyAsync(c => c.Phone == phone && c.Purpose == SmsPurpose.LegalRepresentativeAuthorization));
        }
        var unchanged = await OrganizationAsync(org);
        Assert.Equal((OrganizationStatus.Draft, CertificationChannel.None, (string?)null),
            (unchanged.Status, unchanged.Channel, unchanged.LegalRepresentativePhone));
        await using (var ctx = _db.Db())
        {
            Assert.True(await ctx.AuditEvents.AnyAsync(e => e.Action == AuditActions.OrganizationCertifyLegalSmsSend && e.Outcome == AuditOutcome.Refused));
        }
        _db.Clock.Advance(TimeSpan.FromMinutes(2));
        ResultAssert.Ok(await _db.RunAsync<SendLegalRepresentativeCode, Result>(_user, s => s.ExecuteAsync(org, Demo.EnterpriseSealAdmin)));
    }

    [Fact]
    public async Task A_certified_uscc_is_not_certified_again_by_an_automatic_channel_only_by_platform_review()
    {
        // An impostor copies the demo enterprise's name and USCC.
        var impostor = await CreateDraftAsync(name: "示例科技有限公司", uscc: DemoSeed.EnterpriseUscc, usccComplete: true,
            legalName: "刘洋", legalId: DemoSeed.DemoIdNumber(Demo.EnterpriseLegalRep));
        ResultAssert.Refused(Errors.UsccAlreadyCertified, await RequestAsync(impostor));
        ResultAssert.Refused(Errors.UsccAlreadyCertified,
            await _db.RunAsync<SendLegalRepresentativeCode, Result>(_user, s => s.ExecuteAsync(impostor, Demo.EnterpriseLegalRep)));
        Assert.Equal(OrganizationStatus.Draft, (await OrganizationAsync(impostor)).Status);

        // A takeover goes to the platform with its proof, marked as such in the queue.
        ResultAssert.Ok(await _db.RunAsync<SubmitForManualReview, Result>(_user, s => s.ExecuteAsync(impostor)));
        await using var scope = _db.As(_admin, PlatformRoles.PlatformAdmin);
        var queue = ResultAssert.Ok(await scope.ServiceProvider.GetRequiredService<ListCertificationQueue>().ExecuteAsync());
        Assert.Equal("示例科技有限公司", queue.Single(q => q.OrganizationId == impostor).UsccCertifiedBy);
        Assert.All(queue.Where(q => q.OrganizationId != impostor), q => Assert.Null(q.UsccCertifiedBy));
    }

    [Fact]
    public async Task An_approved_takeover_decertifies_the_previous_holder_and_voids_its_seals()
    {
        var previous = await _db.EnterpriseIdAsync();
        var owner = await _db.UserIdAsync(Demo.EnterpriseOwner);
        // The enterprise's 公章 and its grant (written directly: this database has no seal keys).
        await using (var seed = _db.Db(previous))
        {
            var seal = new Seal
            {
                Id = Guid.NewGuid(),
                OrganizationId = previous,
                Type = SealType.Official,
                Name = "示例科技有限公司",
                Status = SealStatus.Active,
                KeyId = "k",
                CertificateSerial = "01",
                CreatedByUserId = owner,
                CreatedAtUtc = DateTime.UtcNow,
            };
            seed.Seals.Add(seal);
            seed.SealGrants.Add(new SealGrant
            {
                Id = Guid.NewGuid(),
                OrganizationId = previous,
                SealId = seal.Id,
                GranteeUserId = owner,
                StartUtc = DateTime.UtcNow,
                Status = GrantStatus.Active,
                Source = GrantSource.Manual,
                GrantedByUserId = owner,
                GrantedAtUtc = DateTime.UtcNow,
            });
            await seed.SaveChangesAsync();
        }
        var claimant = await CreateDraftAsync(name: "示例科技有限公司", uscc: DemoSeed.EnterpriseUscc, usccComplete: true,
            legalName: "刘洋", legalId: DemoSeed.DemoIdNumber(Demo.EnterpriseLegalRep));
        ResultAssert.Ok(await _db.RunAsync<SubmitForManualReview, Result>(_user, s => s.ExecuteAsync(claimant)));
        await using (var scope = _db.As(_admin, PlatformRoles.PlatformAdmin))
        {
            ResultAssert.Ok(await scope.ServiceProvider.GetRequiredService<ReviewCertification>().ExecuteAsync(claimant, true, "营业执照原件核验"));
        }
        await using var ctx = _db.Db(previous);
        // One certified organization with the USCC, never two.
        Assert.Equal([claimant], await ctx.Organizations.Where(o => o.Uscc == DemoSeed.EnterpriseUscc && o.Status == OrganizationStatus.Certified)
            .Select(o => o.Id).ToListAsync());
        var loser = await ctx.Organizations.SingleAsync(o => o.Id == previous);
        Assert.Equal((OrganizationStatus.Rejected, ReviewCertification.TakeoverReason), (loser.Status, loser.ReviewNote));
        Assert.NotEmpty(await ctx.Seals.ToListAsync());
        Assert.All(await ctx.Seals.ToListAsync(), s => Assert.NotEqual(SealStatus.Active, s.Status));
        Assert.False(await ctx.SealGrants.AnyAsync(g => g.Status == GrantStatus.Active));
        Assert.True(await ctx.SealVoidRecords.AnyAsync(r => r.Reason == ReviewCertification.TakeoverReason));
        Assert.True(await ctx.AuditEvents.AnyAsync(e => e.Action == AuditActions.OrganizationDecertify && e.Target == previous.ToString()));
        Assert.True(await ctx.AuditEvents.AnyAsync(e => e.Action == AuditActions.OrganizationCertify && e.Detail!.Contains("takeover of " + previous)));
    }

    [Fact]
    public async Task A_deposit_confirmed_after_another_organization_certified_the_uscc_is_refused()
    {
        var first = await CreateDraftAsync(uscc: "91350100M00050000");
        ResultAssert.Ok(await RequestAsync(first));
        var deposit = await LatestDepositAsync(first);
        var second = await CreateDraftAsync(uscc: "91350100M00050000", name: "另一家有限公司");
        ResultAssert.Ok(await _db.RunAsync<SubmitForManualReview, Result>(_user, s => s.ExecuteAsync(second)));
        await using (var scope = _db.As(_admin, PlatformRoles.PlatformAdmin))
        {
            ResultAssert.Ok(await scope.ServiceProvider.GetRequiredService<ReviewCertification>().ExecuteAsync(second, true, "核验无误"));
        }

        ResultAssert.Refused(Errors.UsccAlreadyCertified, await ConfirmAsync(first, MicroDepositRules.FormatYuan(deposit.AmountFen)));
        Assert.Equal(OrganizationStatus.Certifying, (await OrganizationAsync(first)).Status);
        Assert.Equal((MicroDepositStatus.Paid, 0), ((await LatestDepositAsync(first)).Status, (await LatestDepositAsync(first)).Attempts));
    }

    [Fact]
    public async Task The_bank_pays_only_an_account_held_in_the_organizations_name()
    {
        var genuine = await CreateDraftAsync(uscc: "91350100M00060000", name: "真实有限公司");
        ResultAssert.Ok(await RequestAsync(genuine));
        ResultAssert.Ok(await ConfirmAsync(genuine, MicroDepositRules.FormatYuan((await LatestDepositAsync(genuine)).AmountFen)));
        Assert.Equal("真实有限公司", (await LatestDepositAsync(genuine)).AccountHolder);

        // Another organization names the same corporate account: the bank knows it is held by 真实有限公司.
        var other = await CreateDraftAsync(uscc: "91350100M00070000", name: "冒用有限公司");
        ResultAssert.Refused(Errors.BankAccountHolderMismatch, await RequestAsync(other));
        Assert.Equal(OrganizationStatus.Draft, (await OrganizationAsync(other)).Status);
        await using var ctx = _db.Db(other);
        Assert.False(await ctx.MicroDeposits.AnyAsync());
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
