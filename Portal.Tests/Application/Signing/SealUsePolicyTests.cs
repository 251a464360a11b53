using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;
using Portal.Application.Signing;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Signing;

/// <summary>Every rule of the policy engine, each deny reason with what it tells the user (demo: 示例科技, 王强 holds 合同专用章).</summary>
public sealed class SealUsePolicyTests : IAsyncLifetime
{
    private SigningTestKit _kit = null!;
    private Guid _wang, _zhao, _sealAdmin, _contract;

    public async Task InitializeAsync()
    {
        _kit = await SigningTestKit.CreateAsync();
        _wang = await _kit.User(Demo.EnterpriseMember);
        _zhao = await _kit.User(Demo.EnterpriseMember2);
        _sealAdmin = await _kit.User(Demo.EnterpriseSealAdmin);
        _contract = (await _kit.SealAsync(_kit.Enterprise, s => s.Type == SealType.Contract)).Id;
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    private Task<SealUseDecision> Decide(Guid user, SealUseDocument? doc = null) => _kit.DecideAsync(_kit.Enterprise, user, _contract, doc);

    private Task EditRule(Action<SealPolicyRule> edit) => _kit.EditAsync(_kit.Enterprise, async db =>
    {
        var policy = await SealPolicies.EnsureAsync(db, _kit.Enterprise, DateTime.UtcNow);
        var rule = policy.Rules.Single(r => r.SealId is null && r.SealType == SealType.Contract);
        edit(rule);
        rule.ConcurrencyStamp = Guid.NewGuid();
    });

    private Task EditSeal(Action<Seal> edit) => _kit.EditAsync(_kit.Enterprise, async db =>
    {
        var seal = await db.Seals.SingleAsync(s => s.Id == _contract);
        edit(seal);
        seal.ConcurrencyStamp = Guid.NewGuid();
    });

    [Fact]
    public async Task A_holder_with_a_grant_in_force_is_allowed_and_the_basis_names_the_grant()
    {
        var d = await Decide(_wang);
        Assert.True(d.Allowed, d.Refusal?.ToString());
        Assert.NotNull(d.GrantId);
        Assert.Contains(d.GrantId!.Value.ToString(), d.Basis);
        Assert.False(d.NeedsUseApproval);
    }

    [Fact]
    public async Task No_grant_names_the_people_who_can_grant()
    {
        var d = await Decide(_zhao);
        Assert.False(d.Allowed);
        Assert.Equal(Errors.SealUseNoGrant, d.Refusal!.Code);
        Assert.Equal("合同专用章", d.Refusal.Args[0]);
        Assert.Contains("李娜", (string)d.Refusal.Args[1]);
        Assert.Contains("张伟", (string)d.Refusal.Args[1]);
    }

    [Fact]
    public async Task Without_an_hsm_pool_nobody_can_sign()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true, FakeSealKeys.Register(new FakeSealKeys()));
        var org = await db.EnterpriseIdAsync();
        var wang = await db.UserIdAsync(Demo.EnterpriseMember);
        await using var ctx = db.Db(org, wang);
        var seal = await ctx.Seals.FirstAsync();
        await using var scope = db.As(wang);
        var d = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SealUsePolicy>(scope.ServiceProvider)
            .DecideAsync(ctx, wang, seal.Id, null, db.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(Errors.SigningUnavailable, d.Refusal?.Code);
    }

    [Fact]
    public async Task Another_tenants_seal_is_not_found_and_a_non_member_is_refused()
    {
        var uniSeal = (await _kit.SealAsync(_kit.University, s => s.DepartmentId != null)).Id;
        Assert.Equal(Errors.NotFound, (await _kit.DecideAsync(_kit.Enterprise, _wang, uniSeal)).Refusal?.Code);
        var outsider = await _kit.User(Demo.CsHead); // 黄磊 is not a member of 示例科技
        Assert.Equal(Errors.NotAMember, (await Decide(outsider)).Refusal?.Code);
    }

    [Fact]
    public async Task Real_name_verification_is_required()
    {
        await _kit.EditAsync(_kit.Enterprise, async db => (await db.Users.SingleAsync(u => u.Id == _wang)).RealNameVerifiedAtUtc = null);
        Assert.Equal(Errors.SealUseRealNameRequired, (await Decide(_wang)).Refusal?.Code);
    }

    [Fact]
    public async Task A_ukey_organization_cannot_sign_on_the_server()
    {
        await _kit.EditAsync(_kit.Enterprise, async db =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == _kit.Enterprise);
            org.Custody = CertificateCustody.UKeyOneSeal;
            org.ConcurrencyStamp = Guid.NewGuid();
        });
        Assert.Equal(Errors.SealUseUKeyCustody, (await Decide(_wang)).Refusal?.Code);
    }

    [Fact]
    public async Task A_seal_pending_review_cannot_be_used()
    {
        await EditSeal(s => s.Status = SealStatus.PendingReview);
        Assert.Equal(Errors.SealUseNotActive, (await Decide(_wang)).Refusal?.Code);
    }

    [Fact]
    public async Task Voided_under_stop_at_voiding_nobody_uses_it()
    {
        await EditSeal(s => (s.Status, s.VoidedAtUtc, s.VoidReason) = (SealStatus.Voided, DateTime.UtcNow, "印章遗失"));
        var d = await Decide(_wang);
        Assert.Equal(Errors.SealUseVoided, d.Refusal?.Code);
        Assert.Equal("印章遗失", d.Refusal!.Args[1]);
    }

    [Fact]
    public async Task Voided_under_keep_until_revoked_the_holder_keeps_using_it_and_the_admin_cannot()
    {
        await _kit.EditAsync(_kit.Enterprise, async db =>
        {
            var policy = await SealPolicies.EnsureAsync(db, _kit.Enterprise, DateTime.UtcNow);
            policy.VoidingBehaviour = VoidingBehaviour.KeepUntilRevoked;
            policy.ConcurrencyStamp = Guid.NewGuid();
        });
        var now = _kit.Db.Clock.GetUtcNow().UtcDateTime;
        await EditSeal(s => (s.Status, s.VoidedAtUtc, s.VoidReason) = (SealStatus.Voided, now, "更名"));
        var holder = await Decide(_wang);
        Assert.True(holder.Allowed, holder.Refusal?.ToString());
        Assert.Contains("voided-keep-until-revoked", holder.Basis);
        Assert.Equal(Errors.SealUseVoidedAdmin, (await Decide(_sealAdmin)).Refusal?.Code);
        // Once its certificate is revoked (its last grant ended), nobody signs with it.
        await EditSeal(s => s.CertificateRevokedAtUtc = DateTime.UtcNow);
        Assert.Equal(Errors.SealUseVoided, (await Decide(_wang)).Refusal?.Code);
    }

    [Fact]
    public async Task An_expired_seal_certificate_is_refused()
    {
        await EditSeal(s => s.CertificateNotAfterUtc = new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc));
        Assert.Equal(Errors.SealUseCertificateExpired, (await Decide(_wang)).Refusal?.Code);
    }

    [Fact]
    public async Task The_grant_works_through_its_last_instant_and_not_a_second_later()
    {
        await _kit.EditAsync(_kit.Enterprise, async db =>
        {
            var grant = await db.SealGrants.SingleAsync(g => g.SealId == _contract && g.GranteeUserId == _wang);
            grant.EndUtc = new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
            grant.ConcurrencyStamp = Guid.NewGuid();
        });
        Assert.True((await Decide(_wang)).Allowed);
        _kit.Db.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Errors.SealUseNoGrant, (await Decide(_wang)).Refusal?.Code);
    }

    [Fact]
    public async Task A_revoked_grant_stops_at_once()
    {
        var grantId = (await Decide(_wang)).GrantId!.Value;
        var r = await _kit.Db.RunAsync<Portal.Application.Grants.RevokeGrant, Result>(_sealAdmin, s => s.ExecuteAsync(grantId, "调岗"));
        ResultAssert.Ok(r);
        Assert.Equal(Errors.SealUseNoGrant, (await Decide(_wang)).Refusal?.Code);
    }

    [Theory]
    [InlineData(null, null, AllowedWeekdays.All, true)]
    [InlineData(10, 18, AllowedWeekdays.Workdays, true)] // Monday 10:00 in Shanghai = 02:00 UTC
    [InlineData(11, 18, AllowedWeekdays.All, false)]
    [InlineData(8, 10, AllowedWeekdays.All, false)] // "to" is exclusive
    [InlineData(null, null, AllowedWeekdays.Tuesday, false)]
    public async Task Hours_and_weekdays_are_judged_in_the_organizations_time_zone(int? from, int? to, AllowedWeekdays days, bool allowed)
    {
        await EditRule(r => (r.AllowedFromHour, r.AllowedToHour, r.AllowedWeekdays) = (from, to, days));
        var d = await Decide(_wang);
        Assert.Equal(allowed, d.Allowed);
        if (!allowed)
        {
            Assert.Equal(days == AllowedWeekdays.Tuesday ? Errors.SealUseWeekday : Errors.SealUseOutsideHours, d.Refusal!.Code);
        }
    }

    [Fact]
    public async Task Uses_per_user_per_day_count_the_ledger_since_local_midnight()
    {
        await EditRule(r => r.MaxUsesPerUserPerDay = 2);
        async Task AddUse(DateTime at) => await _kit.EditAsync(_kit.Enterprise, db =>
        {
            db.SealUsages.Add(new SealUsage
            {
                Id = Guid.NewGuid(),
                OrganizationId = _kit.Enterprise,
                SealId = _contract,
                UserId = _wang,
                SealName = "合同专用章",
                UserName = "王强",
                SignedAtUtc = at,
                DocumentName = "a.pdf",
            });
            return Task.CompletedTask;
        });
        // 15:59 UTC yesterday is 23:59 yesterday in Shanghai: not today.
        await AddUse(new DateTime(2026, 11, 22, 15, 59, 0, DateTimeKind.Utc));
        await AddUse(new DateTime(2026, 11, 22, 16, 0, 0, DateTimeKind.Utc)); // 00:00 today
        Assert.True((await Decide(_wang)).Allowed);
        await AddUse(new DateTime(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc));
        var d = await Decide(_wang);
        Assert.Equal(Errors.SealUseDailyLimit, d.Refusal?.Code);
        Assert.Equal(2, d.Refusal!.Args[1]);
    }

    [Fact]
    public async Task Per_use_approval_binds_to_exactly_this_document_and_these_placements()
    {
        await EditRule(r => r.RequiresUseApproval = true);
        var noDoc = await Decide(_wang);
        Assert.True(noDoc.Allowed);
        Assert.True(noDoc.NeedsUseApproval);
        var stamps = new[] { new StampSpec(StampKind.Single, 1, 200, 300) };
        var doc = new SealUseDocument(DocumentHash.Of(SigningTestKit.Pdf), StampSpec.Canonical(stamps));
        var required = await Decide(_wang, doc);
        Assert.Equal(Errors.SealUseApprovalRequired, required.Refusal?.Code);
        Assert.Contains("李娜", (string)required.Refusal!.Args[1]);

        var id = await _kit.Db.RunAsync<SubmitUseRequest, Result<Guid>>(_wang,
            s => s.ExecuteAsync(new SubmitUseRequestCommand(_contract, "合同.pdf", SigningTestKit.Pdf, stamps, "签合同")));
        ResultAssert.Ok(id);
        Assert.Equal(Errors.SealUseApprovalPending, (await Decide(_wang, doc)).Refusal?.Code);
        // A second identical request is refused while the first waits.
        var again = await _kit.Db.RunAsync<SubmitUseRequest, Result<Guid>>(_wang,
            s => s.ExecuteAsync(new SubmitUseRequestCommand(_contract, "合同.pdf", SigningTestKit.Pdf, stamps, "签合同")));
        ResultAssert.Refused(Errors.SealUseApprovalPending, again);

        // The applicant cannot approve their own use; a member without the approver role cannot either.
        Assert.Equal(Errors.Forbidden, (await _kit.Db.RunAsync<DecideUseRequest, Result>(_wang, s => s.ExecuteAsync(id.Value, true, null))).Error?.Code);
        Assert.Equal(Errors.Forbidden, (await _kit.Db.RunAsync<DecideUseRequest, Result>(_zhao, s => s.ExecuteAsync(id.Value, true, null))).Error?.Code);
        Assert.True((await _kit.Db.RunAsync<DecideUseRequest, Result>(_sealAdmin, s => s.ExecuteAsync(id.Value, true, "同意"))).Succeeded);
        Assert.Equal(Errors.RequestNotPending, (await _kit.Db.RunAsync<DecideUseRequest, Result>(_sealAdmin, s => s.ExecuteAsync(id.Value, false, "x"))).Error?.Code);

        var approved = await Decide(_wang, doc);
        Assert.True(approved.Allowed, approved.Refusal?.ToString());
        Assert.Equal(id.Value, approved.UseRequestId);
        // A changed position or a changed document needs a new request.
        var moved = new SealUseDocument(doc.Sha256, StampSpec.Canonical([new StampSpec(StampKind.Single, 1, 210, 300)]));
        Assert.Equal(Errors.SealUseApprovalRequired, (await Decide(_wang, moved)).Refusal?.Code);
        var otherDoc = new SealUseDocument(DocumentHash.Of(Portal.Tests.Signing.Support.TestPdfs.Make(2)), doc.Placements);
        Assert.Equal(Errors.SealUseApprovalRequired, (await Decide(_wang, otherDoc)).Refusal?.Code);
    }

    [Fact]
    public async Task Use_requests_show_up_as_to_dos_for_approvers_then_for_the_signer()
    {
        await EditRule(r => r.RequiresUseApproval = true);
        var stamps = new[] { new StampSpec(StampKind.AllPages, 0, 200, 300) };
        var id = (await _kit.Db.RunAsync<SubmitUseRequest, Result<Guid>>(_wang,
            s => s.ExecuteAsync(new SubmitUseRequestCommand(_contract, "合同.pdf", SigningTestKit.Pdf, stamps, "签合同")))).Value;
        var adminTodos = await _kit.Db.RunAsync<Portal.Application.Todos.ListTodos, Result<IReadOnlyList<Portal.Application.Todos.TodoRow>>>(_sealAdmin, t => t.ExecuteAsync());
        var item = Assert.Single(adminTodos.Value!, t => t.Kind == "SealUseRequest");
        Assert.Equal(id, item.Id);
        Assert.EndsWith(id.ToString(), item.Link);
        var zhaoTodos = await _kit.Db.RunAsync<Portal.Application.Todos.ListTodos, Result<IReadOnlyList<Portal.Application.Todos.TodoRow>>>(_zhao, t => t.ExecuteAsync());
        Assert.DoesNotContain(zhaoTodos.Value!, t => t.Kind.StartsWith("SealUse", StringComparison.Ordinal));

        Assert.True((await _kit.Db.RunAsync<Portal.Application.Todos.ListTodos, Result>(_sealAdmin, t => t.DecideAsync(item, true, "可以"))).Succeeded);
        var signerTodos = await _kit.Db.RunAsync<Portal.Application.Todos.ListTodos, Result<IReadOnlyList<Portal.Application.Todos.TodoRow>>>(_wang, t => t.ExecuteAsync());
        var sign = Assert.Single(signerTodos.Value!, t => t.Kind == "SealUseApproved");
        Assert.Equal("signing/single?request=" + id, sign.Link);
        var detail = await _kit.Db.RunAsync<GetUseRequest, Result<UseRequestDetail>>(_wang, s => s.ExecuteAsync(id));
        Assert.Equal(SigningTestKit.Pdf, detail.Value!.Pdf);
        Assert.Equal(stamps, detail.Value.Stamps);
        Assert.Equal(3, detail.Value.PageCount);
        // Someone who is neither applicant nor approver does not see it.
        Assert.Equal(Errors.NotFound, (await _kit.Db.RunAsync<GetUseRequest, Result<UseRequestDetail>>(_zhao, s => s.ExecuteAsync(id))).Error?.Code);
    }

    [Fact]
    public async Task A_use_request_for_a_seal_without_per_use_approval_is_refused_and_stores_nothing()
    {
        var r = await _kit.Db.RunAsync<SubmitUseRequest, Result<Guid>>(_wang, s => s.ExecuteAsync(
            new SubmitUseRequestCommand(_contract, "合同.pdf", SigningTestKit.Pdf, [new StampSpec(StampKind.Single, 1, 100, 100)], null)));
        ResultAssert.Refused(Errors.UseRequestNotApprovable, r);
        await using var ctx = _kit.Db.Db(_kit.Enterprise);
        Assert.False(await ctx.SealUseRequests.AnyAsync());
    }

    [Fact]
    public async Task A_rejection_needs_a_reason()
    {
        await EditRule(r => r.RequiresUseApproval = true);
        var id = (await _kit.Db.RunAsync<SubmitUseRequest, Result<Guid>>(_wang, s => s.ExecuteAsync(
            new SubmitUseRequestCommand(_contract, "合同.pdf", SigningTestKit.Pdf, [new StampSpec(StampKind.Single, 1, 100, 100)], null)))).Value;
        Assert.Equal(Errors.ReasonRequired, (await _kit.Db.RunAsync<DecideUseRequest, Result>(_sealAdmin, s => s.ExecuteAsync(id, false, " "))).Error?.Code);
        Assert.True((await _kit.Db.RunAsync<DecideUseRequest, Result>(_sealAdmin, s => s.ExecuteAsync(id, false, "用途不明"))).Succeeded);
    }

    [Fact]
    public async Task Placements_are_checked_against_the_document()
    {
        Assert.Equal(Errors.PlacementRequired, StampSpec.Check([], 3)?.Code);
        Assert.Equal(Errors.PlacementInvalid, StampSpec.Check([new StampSpec(StampKind.Single, 4, 10, 10)], 3)?.Code);
        Assert.Equal(Errors.PlacementInvalid, StampSpec.Check([new StampSpec(StampKind.PageRange, 0, 10, 10, 3, 2)], 3)?.Code);
        Assert.Equal(Errors.PlacementInvalid, StampSpec.Check([new StampSpec(StampKind.CrossPage, 0, 0, 10)], 1)?.Code);
        Assert.Equal(Errors.PlacementInvalid, StampSpec.Check([new StampSpec(StampKind.Single, 1, -5, 10)], 3)?.Code);
        Assert.Null(StampSpec.Check([new StampSpec(StampKind.CrossPage, 0, 0, 10, 1, 3)], 3));
        var stamps = new[] { new StampSpec(StampKind.PageRange, 0, 10.04, 20.5, 1, 2), new StampSpec(StampKind.Single, 3, 1, 2) };
        Assert.Equal(StampSpec.Canonical(stamps), StampSpec.Canonical(StampSpec.ParseCanonical(StampSpec.Canonical(stamps))));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_upload_check_refuses_malformed_encrypted_and_non_pdf_files()
    {
        var check = (byte[] bytes, string name) => _kit.Db.RunAsync<CheckSigningDocument, Result<SigningDocument>>(_wang, c => Task.FromResult(c.Execute(name, bytes)));
        Assert.Equal(Errors.PdfNotPdf, (await check("hello"u8.ToArray(), "a.txt")).Error?.Code);
        Assert.Equal(Errors.PdfBroken, (await check("%PDF-1.7\n garbage garbage garbage garbage"u8.ToArray(), "a.pdf")).Error?.Code);
        var encrypted = Portal.Tests.Signing.Pdf.Tools.Qpdf(SigningTestKit.Pdf, "--encrypt \"\" owner 256 --");
        Assert.Equal(Errors.PdfEncrypted, (await check(encrypted, "x.pdf")).Error?.Code);
        Assert.Equal(Errors.PdfNoPages, (await check(Portal.Tests.Signing.Support.RawPdfs.ZeroPages(), "x.pdf")).Error?.Code);
        var ok = await check(SigningTestKit.Pdf, "合同.pdf");
        ResultAssert.Ok(ok);
        Assert.Equal(3, ok.Value!.PageCount);
        Assert.Equal(DocumentHash.Of(SigningTestKit.Pdf), ok.Value.Sha256);
    }
}
