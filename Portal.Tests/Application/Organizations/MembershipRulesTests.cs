using Microsoft.EntityFrameworkCore;
using Portal.Application.Bindings;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Organizations;
using Portal.Application.Spaces;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Organizations;

public class MembershipRulesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Guid _org, _owner, _sealAdmin, _member;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _org = await _db.EnterpriseIdAsync();
        _owner = await _db.UserIdAsync(Demo.EnterpriseOwner);
        _sealAdmin = await _db.UserIdAsync(Demo.EnterpriseSealAdmin);
        _member = await _db.UserIdAsync(Demo.EnterpriseMember2);
        await _db.SwitchAsync(_owner, _org);
        await _db.SwitchAsync(_sealAdmin, _org);
        await _db.SwitchAsync(_member, _org);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<Guid> MembershipOfAsync(Guid userId)
    {
        await using var ctx = _db.Db(_org);
        return await ctx.Memberships.Where(m => m.UserId == userId).Select(m => m.Id).SingleAsync();
    }

    [Fact]
    public async Task Only_the_owner_manages_members()
    {
        var r = await _db.RunAsync<RemoveMember, Result>(_sealAdmin, s => s.ExecuteAsync(Guid.NewGuid()));
        ResultAssert.Refused(Errors.Forbidden, r);
        var list = await _db.RunAsync<ListMembers, Result<IReadOnlyList<MemberRow>>>(_member, s => s.ExecuteAsync());
        ResultAssert.Refused(Errors.Forbidden, list);
    }

    [Fact]
    public async Task Nobody_removes_themself_the_owner_or_the_legal_representative()
    {
        var self = await _db.RunAsync<RemoveMember, Result>(_owner, async s => await s.ExecuteAsync(await MembershipOfAsync(_owner)));
        ResultAssert.Refused(Errors.CannotRemoveSelf, self);
        var legalRep = await _db.UserIdAsync(Demo.EnterpriseLegalRep);
        var lr = await _db.RunAsync<RemoveMember, Result>(_owner, async s => await s.ExecuteAsync(await MembershipOfAsync(legalRep)));
        ResultAssert.Refused(Errors.CannotRemoveLegalRepresentative, lr);
    }

    [Fact]
    public async Task A_removed_member_is_refused_at_once_and_notified()
    {
        var membership = await MembershipOfAsync(_member);
        Assert.True((await _db.RunAsync<RemoveMember, Result>(_owner, s => s.ExecuteAsync(membership))).Succeeded);
        Assert.Contains((_member, _org), _db.Notifier.Changes);
        // The member's next command in that space is refused: their space fell back to personal.
        var next = await _db.RunAsync<GetCurrentOrganization, Result<OrganizationSummary>>(_member, s => s.ExecuteAsync());
        ResultAssert.Refused(Errors.NotAMember, next);
        var (spaces, current) = await _db.RunAsync<ListMySpaces, (IReadOnlyList<SpaceOption>, Guid?)>(_member, s => s.ExecuteAsync());
        Assert.Null(current);
        Assert.DoesNotContain(spaces, s => s.OrganizationId == _org);
    }

    [Fact]
    public async Task A_role_change_takes_effect_on_the_next_command()
    {
        // A command only an owner or seal admin may run, by the same users in the same space, with no new sign-in between.
        Task<Result<IReadOnlyList<MemberBindingRow>>> NextCommandAsync(Guid user) =>
            _db.RunAsync<ListMemberBindings, Result<IReadOnlyList<MemberBindingRow>>>(user, s => s.ExecuteAsync());

        ResultAssert.Ok(await NextCommandAsync(_sealAdmin));
        ResultAssert.Refused(Errors.Forbidden, await NextCommandAsync(_member));

        var sealAdminMembership = await MembershipOfAsync(_sealAdmin);
        ResultAssert.Ok(await _db.RunAsync<SetMemberRoles, Result>(_owner, s => s.ExecuteAsync(sealAdminMembership, OrgRoles.Member, null)));
        Assert.Contains((_sealAdmin, _org), _db.Notifier.Changes);
        await using (var ctx = _db.Db(_org))
        {
            Assert.Equal(OrgRoles.Member, await ctx.Memberships.Where(m => m.Id == sealAdminMembership).Select(m => m.Roles).SingleAsync());
        }
        ResultAssert.Refused(Errors.Forbidden, await NextCommandAsync(_sealAdmin));

        // And the other way: a member made seal admin may on the next command.
        var memberMembership = await MembershipOfAsync(_member);
        ResultAssert.Ok(await _db.RunAsync<SetMemberRoles, Result>(_owner, s => s.ExecuteAsync(memberMembership, OrgRoles.SealAdmin, null)));
        Assert.Contains((_member, _org), _db.Notifier.Changes);
        ResultAssert.Ok(await NextCommandAsync(_member));
    }

    [Fact]
    public async Task The_owner_flag_is_never_granted_by_a_role_change()
    {
        var membership = await MembershipOfAsync(_member);
        await _db.RunAsync<SetMemberRoles, Result>(_owner, s => s.ExecuteAsync(membership, OrgRoles.Owner | OrgRoles.SealAdmin, null));
        await using var ctx = _db.Db(_org);
        Assert.Equal(1, await ctx.Memberships.CountAsync(m => (m.Roles & OrgRoles.Owner) != 0));
    }

    [Fact]
    public async Task A_department_head_needs_a_department()
    {
        var membership = await MembershipOfAsync(_member);
        var r = await _db.RunAsync<SetMemberRoles, Result>(_owner, s => s.ExecuteAsync(membership, OrgRoles.DepartmentHead, null));
        ResultAssert.Refused(Errors.DepartmentRequired, r);
    }

    [Fact]
    public async Task Adding_an_existing_member_again_is_refused()
    {
        var twice = await _db.RunAsync<AddMember, Result<Guid>>(_owner, s => s.ExecuteAsync(new AddMemberRequest(Demo.EnterpriseMember2, "赵敏", null, OrgRoles.Member)));
        ResultAssert.Refused(Errors.AlreadyMember, twice);
    }

    [Fact]
    public async Task Creating_an_organization_checks_uscc_and_id_number()
    {
        var bad = await _db.RunAsync<CreateOrganization, Result<Guid>>(_member, s => s.ExecuteAsync(new CreateOrganizationRequest(
            "新公司", "91350100M000100Y44", OrganizationType.Enterprise, "张三", "11010519491231002X", false)));
        ResultAssert.Refused(Errors.UsccInvalid, bad);
        var badId = await _db.RunAsync<CreateOrganization, Result<Guid>>(_member, s => s.ExecuteAsync(new CreateOrganizationRequest(
            "新公司", "91350100M000100Y43", OrganizationType.Enterprise, "张三", "110105194912310021", false)));
        ResultAssert.Refused(Errors.IdNumberInvalid, badId);
        var ok = await _db.RunAsync<CreateOrganization, Result<Guid>>(_member, s => s.ExecuteAsync(new CreateOrganizationRequest(
            "新公司", "91350100M000100Y43", OrganizationType.Enterprise, "张三", "11010519491231002X", false)));
        ResultAssert.Ok(ok);
        await using var ctx = _db.Db(ok.Value);
        var m = await ctx.Memberships.SingleAsync();
        Assert.Equal(_member, m.UserId);
        Assert.Equal(OrgRoles.Owner, m.Roles);
    }

    [Fact]
    public async Task Every_command_is_in_the_audit_chain()
    {
        var membership = await MembershipOfAsync(_member);
        await _db.RunAsync<SetMemberRoles, Result>(_owner, s => s.ExecuteAsync(membership, OrgRoles.SealAdmin, null));
        await using var ctx = _db.Db();
        var e = await ctx.AuditEvents.OrderByDescending(x => x.Sequence).FirstAsync();
        Assert.Equal(AuditActions.MemberRoles, e.Action);
        Assert.Equal(_owner, e.ActorUserId);
        Assert.Equal(_org, e.OrganizationId);
    }
}
