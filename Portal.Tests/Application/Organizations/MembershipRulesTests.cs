using Microsoft.EntityFrameworkCore;
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
        Assert.Equal(Errors.Forbidden, r.Error?.Code);
        var list = await _db.RunAsync<ListMembers, Result<IReadOnlyList<MemberRow>>>(_member, s => s.ExecuteAsync());
        Assert.Equal(Errors.Forbidden, list.Error?.Code);
    }

    [Fact]
    public async Task Nobody_removes_themself_the_owner_or_the_legal_representative()
    {
        var self = await _db.RunAsync<RemoveMember, Result>(_owner, async s => await s.ExecuteAsync(await MembershipOfAsync(_owner)));
        Assert.Equal(Errors.CannotRemoveSelf, self.Error?.Code);
        var legalRep = await _db.UserIdAsync(Demo.EnterpriseLegalRep);
        var lr = await _db.RunAsync<RemoveMember, Result>(_owner, async s => await s.ExecuteAsync(await MembershipOfAsync(legalRep)));
        Assert.Equal(Errors.CannotRemoveLegalRepresentative, lr.Error?.Code);
    }

    [Fact]
    public async Task A_removed_member_is_refused_at_once_and_notified()
    {
        var membership = await MembershipOfAsync(_member);
        Assert.True((await _db.RunAsync<RemoveMember, Result>(_owner, s => s.ExecuteAsync(membership))).Succeeded);
        Assert.Contains((_member, _org), _db.Notifier.Changes);
        // The member's next command in that space is refused: their space fell back to personal.
        var next = await _db.RunAsync<GetCurrentOrganization, Result<OrganizationSummary>>(_member, s => s.ExecuteAsync());
        Assert.Equal(Errors.NotAMember, next.Error?.Code);
        var (spaces, current) = await _db.RunAsync<ListMySpaces, (IReadOnlyList<SpaceOption>, Guid?)>(_member, s => s.ExecuteAsync());
        Assert.Null(current);
        Assert.DoesNotContain(spaces, s => s.OrganizationId == _org);
    }

    [Fact]
    public async Task A_role_change_takes_effect_on_the_next_command()
    {
        var sealAdminMembership = await MembershipOfAsync(_sealAdmin);
        Assert.True((await _db.RunAsync<SetMemberRoles, Result>(_owner, s => s.ExecuteAsync(sealAdminMembership, OrgRoles.Member, null))).Succeeded);
        Assert.Contains((_sealAdmin, _org), _db.Notifier.Changes);
        await using var ctx = _db.Db(_org);
        Assert.Equal(OrgRoles.Member, await ctx.Memberships.Where(m => m.Id == sealAdminMembership).Select(m => m.Roles).SingleAsync());
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
        Assert.Equal(Errors.DepartmentRequired, r.Error?.Code);
    }

    [Fact]
    public async Task Adding_an_existing_member_again_is_refused()
    {
        var twice = await _db.RunAsync<AddMember, Result<Guid>>(_owner, s => s.ExecuteAsync(new AddMemberRequest(Demo.EnterpriseMember2, "赵敏", null, OrgRoles.Member)));
        Assert.Equal(Errors.AlreadyMember, twice.Error?.Code);
    }

    [Fact]
    public async Task Creating_an_organization_checks_uscc_and_id_number()
    {
        var bad = await _db.RunAsync<CreateOrganization, Result<Guid>>(_member, s => s.ExecuteAsync(new CreateOrganizationRequest(
            "新公司", "91350100M000100Y44", OrganizationType.Enterprise, "张三", "11010519491231002X", false)));
        Assert.Equal(Errors.UsccInvalid, bad.Error?.Code);
        var badId = await _db.RunAsync<CreateOrganization, Result<Guid>>(_member, s => s.ExecuteAsync(new CreateOrganizationRequest(
            "新公司", "91350100M000100Y43", OrganizationType.Enterprise, "张三", "110105194912310021", false)));
        Assert.Equal(Errors.IdNumberInvalid, badId.Error?.Code);
        var ok = await _db.RunAsync<CreateOrganization, Result<Guid>>(_member, s => s.ExecuteAsync(new CreateOrganizationRequest(
            "新公司", "91350100M000100Y43", OrganizationType.Enterprise, "张三", "11010519491231002X", false)));
        Assert.True(ok.Succeeded);
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
