using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.JoinRequests;
using Portal.Application.Seeding;
using Portal.Application.Spaces;
using Portal.Application.Todos;
using Portal.Tests.Support;

namespace Portal.Tests.Application.JoinRequests;

public class JoinRequestTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Guid _org, _owner, _applicant;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _org = await _db.EnterpriseIdAsync();
        _owner = await _db.UserIdAsync(Demo.EnterpriseOwner);
        _applicant = await _db.UserIdAsync(Demo.CsMember);
        await _db.SwitchAsync(_owner, _org);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<Result<Guid>> ApplyAsync(string reason = "我是新同事") =>
        _db.RunAsync<ApplyToJoin, Result<Guid>>(_applicant, s => s.ExecuteAsync(_org, reason));

    [Fact]
    public async Task Search_finds_certified_organizations_by_name_or_uscc_and_fails_otherwise()
    {
        var byName = await _db.RunAsync<SearchOrganizations, Result<IReadOnlyList<OrganizationHit>>>(_applicant, s => s.ExecuteAsync("示例科技"));
        Assert.Contains(byName.Value!, h => h.Id == _org);
        var byUscc = await _db.RunAsync<SearchOrganizations, Result<IReadOnlyList<OrganizationHit>>>(_applicant,
            s => s.ExecuteAsync(DemoSeed.EnterpriseUscc.ToLowerInvariant()));
        Assert.Single(byUscc.Value!);
        var unknown = await _db.RunAsync<SearchOrganizations, Result<IReadOnlyList<OrganizationHit>>>(_applicant, s => s.ExecuteAsync("不存在的单位"));
        ResultAssert.Refused(Errors.OrganizationSearchFailed, unknown);
        // A draft is not found either.
        await _db.RunAsync<Portal.Application.Organizations.CreateOrganization, Result<Guid>>(_applicant, s => s.ExecuteAsync(
            new Portal.Application.Organizations.CreateOrganizationRequest("草稿单位", Checksums.CompleteUscc("91350100M00030000"),
                OrganizationType.Enterprise, "周杰", Checksums.CompleteIdNumber("11010519491231002"), true)));
        var draft = await _db.RunAsync<SearchOrganizations, Result<IReadOnlyList<OrganizationHit>>>(_owner, s => s.ExecuteAsync("草稿单位"));
        ResultAssert.Refused(Errors.OrganizationSearchFailed, draft);
    }

    [Fact]
    public async Task Apply_withdraw_reapply_approve_notifies_and_makes_a_space()
    {
        Assert.Equal(Errors.ReasonRequired, (await ApplyAsync("")).Error?.Code);
        var first = await ApplyAsync();
        ResultAssert.Ok(first);
        Assert.Equal(Errors.JoinRequestPending, (await ApplyAsync()).Error?.Code);
        Assert.True((await _db.RunAsync<WithdrawJoinRequest, Result>(_applicant, s => s.ExecuteAsync(first.Value))).Succeeded);
        Assert.Equal(Errors.RequestNotPending, (await _db.RunAsync<WithdrawJoinRequest, Result>(_applicant, s => s.ExecuteAsync(first.Value))).Error?.Code);
        Assert.Equal(Errors.NotFound, (await _db.RunAsync<WithdrawJoinRequest, Result>(_owner, s => s.ExecuteAsync(first.Value))).Error?.Code);

        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await ApplyAsync("重新加入");
        ResultAssert.Ok(again);
        var mine = await _db.RunAsync<ListMyJoinRequests, IReadOnlyList<MyJoinRequestRow>>(_applicant, s => s.ExecuteAsync());
        Assert.Equal([RequestStatus.Pending, RequestStatus.Withdrawn], mine.Select(r => r.Status));

        var todos = await _db.RunAsync<ListTodos, Result<IReadOnlyList<TodoRow>>>(_owner, s => s.ExecuteAsync());
        Assert.Contains(todos.Value!, t => t.Kind == "JoinRequest" && t.Id == again.Value);
        Assert.Equal(1, await _db.RunAsync<ListTodos, int>(_owner, s => s.CountAsync()));

        Assert.True((await _db.RunAsync<DecideJoinRequest, Result>(_owner, s => s.ExecuteAsync(again.Value, true, null))).Succeeded);
        await using (var ctx = _db.Db())
        {
            Assert.True(await ctx.SmsOutbox.AnyAsync(m => m.Phone == Demo.CsMember && m.Text.Contains("示例科技有限公司")));
        }
        var spaces = await _db.RunAsync<ListMySpaces, (IReadOnlyList<SpaceOption> Spaces, Guid? Current)>(_applicant, s => s.ExecuteAsync());
        Assert.Contains(spaces.Spaces, s => s.OrganizationId == _org);
        await _db.SwitchAsync(_applicant, _org);
        Assert.Equal(Errors.AlreadyMember, (await ApplyAsync()).Error?.Code);
    }

    [Fact]
    public async Task Rejection_carries_the_reason_and_only_the_owner_decides()
    {
        var r = await ApplyAsync();
        var sealAdmin = await _db.UserIdAsync(Demo.EnterpriseSealAdmin);
        await _db.SwitchAsync(sealAdmin, _org);
        Assert.Equal(Errors.Forbidden, (await _db.RunAsync<DecideJoinRequest, Result>(sealAdmin, s => s.ExecuteAsync(r.Value, true, null))).Error?.Code);
        Assert.True((await _db.RunAsync<DecideJoinRequest, Result>(_owner, s => s.ExecuteAsync(r.Value, false, "查无此人"))).Succeeded);
        var mine = await _db.RunAsync<ListMyJoinRequests, IReadOnlyList<MyJoinRequestRow>>(_applicant, s => s.ExecuteAsync());
        Assert.Equal("查无此人", mine.Single().DecisionReason);
        await using var ctx = _db.Db();
        Assert.True(await ctx.SmsOutbox.AnyAsync(m => m.Phone == Demo.CsMember && m.Text.Contains("查无此人")));
    }
}
