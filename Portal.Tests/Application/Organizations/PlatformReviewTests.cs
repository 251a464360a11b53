using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;
using Portal.Application.Organizations;
using Portal.Application.Seals;
using Portal.Application.Seeding;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Organizations;

/// <summary>单位信息变更 and 申请管理员 through the platform review queue.</summary>
public class PlatformReviewTests : IAsyncLifetime
{
    private static readonly UploadedFile Proof = new("proof.pdf", [0x25, 0x50, 0x44, 0x46]);
    private TestDatabase _db = null!;
    private Guid _org, _owner, _sealAdmin, _wang, _admin;
    private EventRecorder Events => _db.Services.GetRequiredService<EventRecorder>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true, s =>
        {
            s.AddSingleton<EventRecorder>();
            s.AddDomainEventHandler<OrganizationIdentityChanged, RecordingIdentityHandler>();
            s.AddDomainEventHandler<LegalRepresentativeChanged, RecordingLegalHandler>();
            // Real seal keys stand-in, so the seed makes the certified enterprise's seals and the real VoidSealsOnIdentityChange
            // (registered by AddApplication) has seals to name in the preview and to void on approval.
            FakeSealKeys.Register(new FakeSealKeys())(s);
        });
        _org = await _db.EnterpriseIdAsync();
        _owner = await _db.UserIdAsync(Demo.EnterpriseOwner);
        _sealAdmin = await _db.UserIdAsync(Demo.EnterpriseSealAdmin);
        _wang = await _db.UserIdAsync(Demo.EnterpriseMember);
        _admin = await _db.UserIdAsync(Demo.PlatformAdmin);
        foreach (var u in new[] { _owner, _sealAdmin, _wang })
        {
            await _db.SwitchAsync(u, _org);
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static readonly string NewUscc = Checksums.CompleteUscc("91310000MA1FL0009");

    private Task<Result<Guid>> RequestAsync(Guid user, InformationChangeRequest r) =>
        _db.RunAsync<RequestInformationChange, Result<Guid>>(user, s => s.ExecuteAsync(r));

    private async Task<T> AsAdminAsync<TUseCase, T>(Func<TUseCase, Task<T>> act) where TUseCase : notnull
    {
        await using var scope = _db.As(_admin, PlatformRoles.PlatformAdmin);
        return await act(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    private async Task<Organization> OrgAsync()
    {
        await using var ctx = _db.Db(_org);
        return await ctx.Organizations.AsNoTracking().SingleAsync(o => o.Id == _org);
    }

    [Fact]
    public async Task Information_change_is_refused_with_a_reason_a_person_can_act_on()
    {
        var good = new InformationChangeRequest("示例科技集团有限公司", null, null, null, "更名", Proof);
        Assert.Equal(Errors.Forbidden, (await RequestAsync(_sealAdmin, good)).Error?.Code);
        Assert.Equal(Errors.ProofRequired, (await RequestAsync(_owner, good with { Proof = null })).Error?.Code);
        Assert.Equal(Errors.NothingChanged, (await RequestAsync(_owner, good with { NewName = "示例科技有限公司" })).Error?.Code);
        Assert.Equal(Errors.NothingChanged, (await RequestAsync(_owner, good with { NewName = " " })).Error?.Code);
        Assert.Equal(Errors.UsccInvalid, (await RequestAsync(_owner, good with { NewUscc = "91310000MA1FL00090" })).Error?.Code);
        Assert.Equal(Errors.IdNumberInvalid, (await RequestAsync(_owner, good with { NewLegalRepresentativeName = "王强" })).Error?.Code);
        Assert.Equal(Errors.IdNumberInvalid, (await RequestAsync(_owner, good with
        {
            NewLegalRepresentativeName = "王强",
            NewLegalRepresentativeIdNumber = "110105199001010031",
        })).Error?.Code);
        Assert.True((await RequestAsync(_owner, good)).Succeeded);
        Assert.Equal(Errors.ReviewPending, (await RequestAsync(_owner, good with { NewName = "另一个名字" })).Error?.Code);
        Assert.Equal("示例科技有限公司", (await OrgAsync()).Name);
        Assert.Empty(Events.Seen);
    }

    [Fact]
    public async Task Approval_applies_the_change_raises_both_events_and_links_a_verified_member_as_legal_representative()
    {
        var wangId = DemoSeed.DemoIdNumber(Demo.EnterpriseMember);
        var seals = ResultAssert.Ok(await _db.RunAsync<ListSeals, Result<IReadOnlyList<SealRow>>>(_owner, s => s.ExecuteAsync()))
            .Where(s => s.Status is SealStatus.Active or SealStatus.PendingReview).ToList();
        Assert.NotEmpty(seals);
        var expectedNames = seals.Select(s => s.Name).Order().ToList();
        void AssertSealsVoided(IReadOnlyList<Consequence> consequences) => Assert.Contains(consequences, c => c.Code == "SealsVoided"
            && (int)c.Args[0] == seals.Count && ((string)c.Args[1]).Split('、').Order().SequenceEqual(expectedNames));
        var preview = await _db.RunAsync<PreviewInformationChange, Result<IReadOnlyList<Consequence>>>(_owner,
            s => s.ExecuteAsync("示例科技集团有限公司", NewUscc, "王强", wangId));
        AssertSealsVoided(ResultAssert.Ok(preview));

        var before = await OrgAsync();
        var id = (await RequestAsync(_owner, new InformationChangeRequest("示例科技集团有限公司", NewUscc, "王强", wangId, "更名并变更法人", Proof))).Value;
        var queue = await AsAdminAsync<ListPlatformReviews, Result<IReadOnlyList<PlatformReviewRow>>>(s => s.ExecuteAsync());
        var row = Assert.Single(queue.Value!);
        Assert.Equal(id, row.Id);
        Assert.Equal("示例科技有限公司", row.OrganizationName);
        AssertSealsVoided(row.Consequences);
        Assert.NotNull(row.ProofFile);

        Assert.True((await AsAdminAsync<DecidePlatformReview, Result>(s => s.ExecuteAsync(id, true, null))).Succeeded);
        var after = await OrgAsync();
        Assert.Equal(("示例科技集团有限公司", NewUscc, "王强", wangId, (Guid?)_wang),
            (after.Name, after.Uscc, after.LegalRepresentativeName, after.LegalRepresentativeIdNumber, after.LegalRepresentativeUserId));
        var identity = Assert.Single(Events.Seen.OfType<OrganizationIdentityChanged>());
        Assert.Equal(new OrganizationIdentityChanged(_org, "示例科技有限公司", "示例科技集团有限公司", before.Uscc, NewUscc), identity);
        var legal = Assert.Single(Events.Seen.OfType<LegalRepresentativeChanged>());
        Assert.Equal(new LegalRepresentativeChanged(_org, "刘洋", "王强", before.LegalRepresentativeUserId, _wang), legal);

        Assert.Equal(Errors.RequestNotPending, (await AsAdminAsync<DecidePlatformReview, Result>(s => s.ExecuteAsync(id, false, "x"))).Error?.Code);
        await using (var orgCtx = _db.Db(_org))
        {
            var ids = seals.Select(s => s.Id).ToList();
            Assert.All(await orgCtx.Seals.Where(s => ids.Contains(s.Id)).Select(s => s.Status).ToListAsync(), st => Assert.Equal(SealStatus.Voided, st));
        }
        await using var ctx = _db.Db();
        Assert.True(await ctx.SmsOutbox.AnyAsync(m => m.Phone == Demo.EnterpriseOwner && m.Text.Contains("单位信息变更已通过审核")));
    }

    [Fact]
    public async Task Rejection_needs_a_reason_changes_nothing_and_the_owner_sees_why()
    {
        var id = (await RequestAsync(_owner, new InformationChangeRequest("新名称有限公司", null, null, null, null, Proof))).Value;
        Assert.Equal(Errors.ReasonRequired, (await AsAdminAsync<DecidePlatformReview, Result>(s => s.ExecuteAsync(id, false, ""))).Error?.Code);
        Assert.Equal(Errors.Forbidden, (await _db.RunAsync<DecidePlatformReview, Result>(_owner, s => s.ExecuteAsync(id, true, null))).Error?.Code);
        Assert.Equal(Errors.Forbidden, (await _db.RunAsync<ListPlatformReviews, Result<IReadOnlyList<PlatformReviewRow>>>(_owner,
            s => s.ExecuteAsync())).Error?.Code);
        Assert.True((await AsAdminAsync<DecidePlatformReview, Result>(s => s.ExecuteAsync(id, false, "证明材料不清晰"))).Succeeded);
        Assert.Equal("示例科技有限公司", (await OrgAsync()).Name);
        Assert.Empty(Events.Seen);
        var mine = await _db.RunAsync<ListOrganizationReviewRequests, Result<IReadOnlyList<OrganizationReviewRow>>>(_owner, s => s.ExecuteAsync());
        var row = Assert.Single(mine.Value!);
        Assert.Equal((RequestStatus.Rejected, "证明材料不清晰"), (row.Status, row.DecisionReason));
        // Another member does not see the owner's requests.
        Assert.Empty((await _db.RunAsync<ListOrganizationReviewRequests, Result<IReadOnlyList<OrganizationReviewRow>>>(_wang, s => s.ExecuteAsync())).Value!);
    }

    [Fact]
    public async Task An_approved_owner_claim_makes_the_applicant_owner_and_the_old_owner_a_member()
    {
        Task<Result<Guid>> Apply(Guid user, string? reason, UploadedFile? proof) =>
            _db.RunAsync<ApplyForOwner, Result<Guid>>(user, s => s.ExecuteAsync(reason, proof));
        Assert.Equal(Errors.AlreadyOwner, (await Apply(_owner, "x", Proof)).Error?.Code);
        Assert.Equal(Errors.ReasonRequired, (await Apply(_wang, " ", Proof)).Error?.Code);
        Assert.Equal(Errors.ProofRequired, (await Apply(_wang, "原管理员已离职，联系不上", null)).Error?.Code);
        var claim = await Apply(_wang, "原管理员已离职，联系不上", Proof);
        ResultAssert.Ok(claim);
        Assert.Equal(Errors.ReviewPending, (await Apply(_wang, "再次申请", Proof)).Error?.Code);
        var mine = await _db.RunAsync<ListOrganizationReviewRequests, Result<IReadOnlyList<OrganizationReviewRow>>>(_wang, s => s.ExecuteAsync());
        Assert.Equal(PlatformReviewKind.OwnerClaim, Assert.Single(mine.Value!).Kind);

        var row = Assert.Single((await AsAdminAsync<ListPlatformReviews, Result<IReadOnlyList<PlatformReviewRow>>>(s => s.ExecuteAsync())).Value!);
        Assert.Equal(("王强", Demo.EnterpriseMember, "张伟"), (row.RequestedByName, row.RequestedByPhone, row.CurrentOwnerName));
        Assert.True((await AsAdminAsync<DecidePlatformReview, Result>(s => s.ExecuteAsync(claim.Value, true, null))).Succeeded);

        await using var ctx = _db.Db(_org);
        var owners = await ctx.Memberships.Where(m => (m.Roles & OrgRoles.Owner) != 0).Select(m => m.UserId).ToListAsync();
        Assert.Equal(_wang, Assert.Single(owners));
        Assert.True(await ctx.Memberships.AnyAsync(m => m.UserId == _owner));
        Assert.Contains((_owner, _org), _db.Notifier.Changes);
        Assert.Contains((_wang, _org), _db.Notifier.Changes);
    }
}

public sealed class EventRecorder
{
    public System.Collections.Concurrent.ConcurrentQueue<IDomainEvent> Seen { get; } = [];
}

public sealed class RecordingIdentityHandler(EventRecorder recorder) : IDomainEventHandler<OrganizationIdentityChanged>
{
    public Task HandleAsync(IPortalDbContext db, OrganizationIdentityChanged domainEvent, CancellationToken cancellationToken)
    {
        recorder.Seen.Enqueue(domainEvent);
        return Task.CompletedTask;
    }
}

public sealed class RecordingLegalHandler(EventRecorder recorder) : IDomainEventHandler<LegalRepresentativeChanged>
{
    public Task HandleAsync(IPortalDbContext db, LegalRepresentativeChanged domainEvent, CancellationToken cancellationToken)
    {
        recorder.Seen.Enqueue(domainEvent);
        return Task.CompletedTask;
    }
}
