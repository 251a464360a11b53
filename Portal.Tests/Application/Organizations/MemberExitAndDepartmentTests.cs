using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;
using Portal.Application.Grants;
using Portal.Application.Organizations;
using Portal.Application.Seals;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Organizations;

public class MemberExitAndDepartmentTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Guid _org, _owner, _sealAdmin, _member, _member2, _legalRep;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true, s =>
        {
            s.AddDomainEventHandler<MemberRemoved, ExitRecorder>();
            s.AddDomainEventHandler<MemberLeft, ExitRecorder>();
        });
        _org = await _db.EnterpriseIdAsync();
        _owner = await _db.UserIdAsync(Demo.EnterpriseOwner);
        _sealAdmin = await _db.UserIdAsync(Demo.EnterpriseSealAdmin);
        _member = await _db.UserIdAsync(Demo.EnterpriseMember);
        _member2 = await _db.UserIdAsync(Demo.EnterpriseMember2);
        _legalRep = await _db.UserIdAsync(Demo.EnterpriseLegalRep);
        foreach (var u in new[] { _owner, _sealAdmin, _member, _member2 })
        {
            await _db.SwitchAsync(u, _org);
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<Guid> MembershipOfAsync(Guid userId)
    {
        await using var ctx = _db.Db(_org);
        return await ctx.Memberships.Where(m => m.UserId == userId).Select(m => m.Id).SingleAsync();
    }

    [Fact]
    public async Task A_non_owners_removal_becomes_a_request_the_owner_approves()
    {
        var target = await MembershipOfAsync(_member2);
        var plain = await _db.RunAsync<RequestMemberRemoval, Result<Guid>>(_member, s => s.ExecuteAsync(target, "离职"));
        ResultAssert.Refused(Errors.Forbidden, plain);
        Assert.Equal(Errors.ReasonRequired, (await _db.RunAsync<RequestMemberRemoval, Result<Guid>>(_sealAdmin, s => s.ExecuteAsync(target, " "))).Error?.Code);
        var legal = await _db.RunAsync<RequestMemberRemoval, Result<Guid>>(_sealAdmin, s => s.ExecuteAsync(
            Task.Run(() => MembershipOfAsync(_legalRep)).Result, "离职"));
        ResultAssert.Refused(Errors.CannotRemoveLegalRepresentative, legal);
        var self = await _db.RunAsync<RequestMemberRemoval, Result<Guid>>(_sealAdmin, s => s.ExecuteAsync(
            Task.Run(() => MembershipOfAsync(_sealAdmin)).Result, "离职"));
        ResultAssert.Refused(Errors.CannotRemoveSelf, self);

        var r = await _db.RunAsync<RequestMemberRemoval, Result<Guid>>(_sealAdmin, s => s.ExecuteAsync(target, "离职"));
        ResultAssert.Ok(r);
        Assert.Equal(Errors.RemovalRequestPending,
            (await _db.RunAsync<RequestMemberRemoval, Result<Guid>>(_sealAdmin, s => s.ExecuteAsync(target, "离职"))).Error?.Code);
        Assert.Equal(1, await _db.RunAsync<Portal.Application.Todos.ListTodos, int>(_owner, s => s.CountAsync()));
        Assert.Equal(0, await _db.RunAsync<Portal.Application.Todos.ListTodos, int>(_sealAdmin, s => s.CountAsync()));

        Assert.Equal(Errors.Forbidden, (await _db.RunAsync<DecideMemberRemoval, Result>(_sealAdmin, s => s.ExecuteAsync(r.Value, true, null))).Error?.Code);
        Assert.True((await _db.RunAsync<DecideMemberRemoval, Result>(_owner, s => s.ExecuteAsync(r.Value, true, null))).Succeeded);
        Assert.Equal(Errors.RequestNotPending, (await _db.RunAsync<DecideMemberRemoval, Result>(_owner, s => s.ExecuteAsync(r.Value, true, null))).Error?.Code);
        Assert.Contains((_member2, _org), _db.Notifier.Changes);
        Assert.Contains(ExitRecorder.Events, e => e is MemberRemoved m && m.UserId == _member2);
        Assert.Equal(Errors.NotAMember, (await _db.RunAsync<GetCurrentOrganization, Result<OrganizationSummary>>(_member2, s => s.ExecuteAsync())).Error?.Code);
    }

    [Fact]
    public async Task The_owner_must_transfer_before_leaving()
    {
        // With seal keys, so the owner can hold a grant: leaving shows, and then has, its real consequence.
        await using var db = await TestDatabase.CreateAsync(seedDemo: true, s =>
        {
            FakeSealKeys.Register(new FakeSealKeys())(s);
            s.AddDomainEventHandler<MemberLeft, ExitRecorder>();
        });
        var org = await db.EnterpriseIdAsync();
        var owner = await db.UserIdAsync(Demo.EnterpriseOwner);
        var member = await db.UserIdAsync(Demo.EnterpriseMember);
        var legalRep = await db.UserIdAsync(Demo.EnterpriseLegalRep);
        await db.SwitchAsync(owner, org);
        await db.SwitchAsync(member, org);
        async Task<Guid> MembershipAsync(Guid userId)
        {
            await using var ctx = db.Db(org);
            return await ctx.Memberships.Where(m => m.UserId == userId).Select(m => m.Id).SingleAsync();
        }

        var seal = ResultAssert.Ok(await db.RunAsync<ListSeals, Result<IReadOnlyList<SealRow>>>(owner,
            s => s.ExecuteAsync(new SealFilter(SealType.Contract, null, SealStatus.Active))))[0];
        var today = GrantWindows.LocalDate(db.Clock.GetUtcNow().UtcDateTime, "Asia/Shanghai");
        var grant = ResultAssert.Ok(await db.RunAsync<GrantSeal, Result<Guid>>(owner,
            s => s.ExecuteAsync(new GrantInput(seal.Id, owner, null, today, today.AddDays(30)))));

        ResultAssert.Refused(Errors.OwnerMustTransfer, await db.RunAsync<LeaveOrganization, Result>(owner, s => s.ExecuteAsync(org)));
        ResultAssert.Refused(Errors.CannotRemoveLegalRepresentative, await db.RunAsync<LeaveOrganization, Result>(legalRep, s => s.ExecuteAsync(org)));
        var preview = ResultAssert.Ok(await db.RunAsync<PreviewMemberExit, Result<IReadOnlyList<Consequence>>>(owner, s => s.LeavingAsync(org)));
        var lost = Assert.Single(preview);
        Assert.Equal("GrantsRevoked", lost.Code);
        Assert.Equal(1, lost.Args[0]);
        Assert.Equal(seal.Name, lost.Args[1]);

        var target = await MembershipAsync(member);
        ResultAssert.Refused(Errors.Forbidden, await db.RunAsync<TransferOwnership, Result>(member, s => s.ExecuteAsync(target)));
        var ownMembership = await MembershipAsync(owner);
        ResultAssert.Refused(Errors.TransferTargetInvalid, await db.RunAsync<TransferOwnership, Result>(owner, s => s.ExecuteAsync(ownMembership)));
        ResultAssert.Ok(await db.RunAsync<TransferOwnership, Result>(owner, s => s.ExecuteAsync(target)));
        await using (var ctx = db.Db(org))
        {
            Assert.Equal(1, await ctx.Memberships.CountAsync(m => (m.Roles & OrgRoles.Owner) != 0));
            Assert.Equal(member, await ctx.Memberships.Where(m => (m.Roles & OrgRoles.Owner) != 0).Select(m => m.UserId).SingleAsync());
        }
        ResultAssert.Ok(await db.RunAsync<LeaveOrganization, Result>(owner, s => s.ExecuteAsync(org)));
        Assert.Contains(ExitRecorder.Events, e => e is MemberLeft m && m.UserId == owner);
        Assert.Contains((owner, org), db.Notifier.Changes);
        await using (var ctx = db.Db(org))
        {
            Assert.Equal(GrantStatus.Revoked, await ctx.SealGrants.Where(g => g.Id == grant).Select(g => g.Status).SingleAsync());
        }
    }

    [Fact]
    public async Task Departments_rename_move_and_delete_only_when_empty()
    {
        var a = (await _db.RunAsync<CreateDepartment, Result<Guid>>(_owner, s => s.ExecuteAsync("研发部", null))).Value;
        var b = (await _db.RunAsync<CreateDepartment, Result<Guid>>(_owner, s => s.ExecuteAsync("前端组", a))).Value;
        Assert.True((await _db.RunAsync<RenameDepartment, Result>(_owner, s => s.ExecuteAsync(b, "Web组"))).Succeeded);
        Assert.Equal(Errors.NameRequired, (await _db.RunAsync<RenameDepartment, Result>(_owner, s => s.ExecuteAsync(b, ""))).Error?.Code);
        Assert.Equal(Errors.DepartmentCycle, (await _db.RunAsync<MoveDepartment, Result>(_owner, s => s.ExecuteAsync(a, b))).Error?.Code);
        Assert.Equal(Errors.DepartmentCycle, (await _db.RunAsync<MoveDepartment, Result>(_owner, s => s.ExecuteAsync(a, a))).Error?.Code);
        Assert.Equal(Errors.DepartmentNotEmpty, (await _db.RunAsync<DeleteDepartment, Result>(_owner, s => s.ExecuteAsync(a))).Error?.Code);
        Assert.True((await _db.RunAsync<MoveDepartment, Result>(_owner, s => s.ExecuteAsync(b, null))).Succeeded);
        var m = await MembershipOfAsync(_member);
        Assert.True((await _db.RunAsync<SetMemberRoles, Result>(_owner, s => s.ExecuteAsync(m, OrgRoles.DepartmentHead, b, "王强（组长）"))).Succeeded);
        Assert.Equal(Errors.DepartmentNotEmpty, (await _db.RunAsync<DeleteDepartment, Result>(_owner, s => s.ExecuteAsync(b))).Error?.Code);
        Assert.True((await _db.RunAsync<DeleteDepartment, Result>(_owner, s => s.ExecuteAsync(a))).Succeeded);
        Assert.Equal(Errors.Forbidden, (await _db.RunAsync<RenameDepartment, Result>(_member, s => s.ExecuteAsync(b, "x"))).Error?.Code);
    }

    [Fact]
    public async Task An_unknown_number_is_invited_listed_and_joins_only_on_accepting_after_registering()
    {
        var dept = (await _db.RunAsync<CreateDepartment, Result<Guid>>(_owner, s => s.ExecuteAsync("市场部", null))).Value;
        var r = await _db.RunAsync<AddMember, Result<AddMemberOutcome>>(_owner,
            s => s.AddOrInviteAsync(new AddMemberRequest("13666666666", "新人", dept, OrgRoles.SealAdmin | OrgRoles.Owner)));
        ResultAssert.Ok(r);
        Assert.True(r.Value!.Invited);
        await using (var ctx = _db.Db())
        {
            // A fixed template: no organization name an owner could have typed.
            var sms = await ctx.SmsOutbox.SingleAsync(m => m.Phone == "13666666666");
            Assert.Equal(SmsTemplates.Render(SmsTemplates.MemberInvitation.Id, new Dictionary<string, string>(), SmsLanguages.Chinese, SmsOptions.DefaultSignature),
                sms.Text);
        }
        var invitation = Assert.Single((await _db.RunAsync<ListInvitations, Result<IReadOnlyList<InvitationRow>>>(_owner, s => s.ExecuteAsync())).Value!);
        Assert.Equal((r.Value.Id, "新人", "市场部", OrgRoles.SealAdmin), (invitation.Id, invitation.Name, invitation.Department, invitation.Roles));
        Assert.Equal(Errors.Forbidden,
            (await _db.RunAsync<ListInvitations, Result<IReadOnlyList<InvitationRow>>>(_member, s => s.ExecuteAsync())).Error?.Code);

        // Inviting again updates the one invitation.
        Assert.True((await _db.RunAsync<AddMember, Result<Guid>>(_owner, s => s.ExecuteAsync(new AddMemberRequest("13666666666", "新同事", dept, OrgRoles.SealAdmin)))).Succeeded);
        Assert.Equal("新同事", Assert.Single((await _db.RunAsync<ListInvitations, Result<IReadOnlyList<InvitationRow>>>(_owner, s => s.ExecuteAsync())).Value!).Name);

        var newUser = await RegisterAsync("13666666666");
        await using (var ctx = _db.Db(_org))
        {
            Assert.False(await ctx.Memberships.AnyAsync(x => x.UserId == newUser));
        }
        // The invitee sees the organization's certified name in the portal, and joins by accepting.
        var mine = ResultAssert.Ok(await _db.RunAsync<ListMyInvitations, Result<IReadOnlyList<MyInvitationRow>>>(newUser, s => s.ExecuteAsync()));
        Assert.Equal(("示例科技有限公司", "市场部"), (Assert.Single(mine).OrganizationName, mine[0].Department));
        await _db.AcceptInvitationAsync(newUser, _org);
        await using (var ctx = _db.Db(_org))
        {
            var m = await ctx.Memberships.SingleAsync(x => x.UserId == newUser);
            Assert.Equal(("新同事", (Guid?)dept, OrgRoles.SealAdmin), (m.Name, m.DepartmentId, m.Roles));
        }
        Assert.Empty((await _db.RunAsync<ListInvitations, Result<IReadOnlyList<InvitationRow>>>(_owner, s => s.ExecuteAsync())).Value!);
    }

    [Fact]
    public async Task A_cancelled_invitation_does_not_join()
    {
        var r = await _db.RunAsync<AddMember, Result<Guid>>(_owner, s => s.ExecuteAsync(new AddMemberRequest("13677777777", "某人", null, OrgRoles.Member)));
        Assert.True((await _db.RunAsync<CancelInvitation, Result>(_owner, s => s.ExecuteAsync(r.Value))).Succeeded);
        Assert.Equal(Errors.RequestNotPending, (await _db.RunAsync<CancelInvitation, Result>(_owner, s => s.ExecuteAsync(r.Value))).Error?.Code);
        var newUser = await RegisterAsync("13677777777");
        await using var ctx = _db.Db(_org);
        Assert.False(await ctx.Memberships.AnyAsync(x => x.UserId == newUser));
        Assert.Empty(ResultAssert.Ok(await _db.RunAsync<ListMyInvitations, Result<IReadOnlyList<MyInvitationRow>>>(newUser, s => s.ExecuteAsync())));
    }

    private async Task<Guid> RegisterAsync(string phone)
    {
        Assert.True((await _db.RunAsync<SendSmsCode, Result>(null, s => s.SendSolvedAsync(phone, SmsPurpose.Register))).Succeeded);
        string text;
        await using (var ctx = _db.Db())
        {
            text = await ctx.SmsOutbox.Where(m => m.Phone == phone).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync();
        }
        var code = System.Text.RegularExpressions.Regex.Match(text, @"\d{6}").Value;
        var r = await _db.RunAsync<RegisterUser, Result<Guid>>(null, s => s.ExecuteAsync(new RegisterRequest(phone, "新人", "Secret#2026", "Secret#2026", code, true)));
        ResultAssert.Ok(r);
        return r.Value;
    }
}

public sealed class ExitRecorder : IDomainEventHandler<MemberRemoved>, IDomainEventHandler<MemberLeft>
{
    public static readonly System.Collections.Concurrent.ConcurrentBag<IDomainEvent> Events = [];

    public Task HandleAsync(IPortalDbContext db, MemberRemoved domainEvent, CancellationToken cancellationToken)
    {
        Events.Add(domainEvent);
        return Task.CompletedTask;
    }

    public Task HandleAsync(IPortalDbContext db, MemberLeft domainEvent, CancellationToken cancellationToken)
    {
        Events.Add(domainEvent);
        return Task.CompletedTask;
    }
}
