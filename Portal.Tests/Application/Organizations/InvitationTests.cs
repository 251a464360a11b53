using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Organizations;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Organizations;

/// <summary>Membership by consent: every add is an invitation the person accepts or declines; nothing tells whether a number is registered.</summary>
public class InvitationTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Guid _org, _owner, _known;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _org = await _db.EnterpriseIdAsync();
        _owner = await _db.UserIdAsync(Demo.EnterpriseOwner);
        // 周杰 has an account (示例学院) and is not a member of 示例科技.
        _known = await _db.UserIdAsync(Demo.CsMember);
        await _db.SwitchAsync(_owner, _org);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<Result<AddMemberOutcome>> InviteAsync(string phone, string name) =>
        _db.RunAsync<AddMember, Result<AddMemberOutcome>>(_owner, s => s.AddOrInviteAsync(new AddMemberRequest(phone, name, null, OrgRoles.SealAdmin)));

    private Task<Result<IReadOnlyList<MyInvitationRow>>> MineAsync(Guid user) =>
        _db.RunAsync<ListMyInvitations, Result<IReadOnlyList<MyInvitationRow>>>(user, s => s.ExecuteAsync());

    [Fact]
    public async Task A_registered_number_is_invited_not_added_and_the_answer_is_the_same_as_for_an_unknown_one()
    {
        long before;
        await using (var ctx = _db.Db())
        {
            before = await ctx.SmsOutbox.MaxAsync(m => m.Id);
        }
        var known = ResultAssert.Ok(await InviteAsync(Demo.CsMember, "周杰"));
        var unknown = ResultAssert.Ok(await InviteAsync("13655550000", "陌生人"));
        Assert.Equal((true, true), (known.Invited, unknown.Invited));

        await using (var ctx = _db.Db(_org))
        {
            // Not a member, so neither listed nor showing any certificate binding to the owner.
            Assert.False(await ctx.Memberships.AnyAsync(m => m.UserId == _known));
            var texts = await ctx.SmsOutbox.Where(m => m.Id > before && (m.Phone == Demo.CsMember || m.Phone == "13655550000")).Select(m => m.Text).ToListAsync();
            Assert.Equal(2, texts.Count);
            Assert.Single(texts.Distinct());
            var audits = await ctx.AuditEvents.Where(e => e.Action == AuditActions.MemberInvite).OrderBy(e => e.Sequence).Select(e => e.Detail).ToListAsync();
            Assert.Equal([PhoneNumber.Mask(Demo.CsMember), PhoneNumber.Mask("13655550000")], audits.TakeLast(2));
        }
        var members = ResultAssert.Ok(await _db.RunAsync<ListMembers, Result<IReadOnlyList<MemberRow>>>(_owner, s => s.ExecuteAsync()));
        Assert.DoesNotContain(members, m => m.UserId == _known);
        var bindings = ResultAssert.Ok(await _db.RunAsync<Portal.Application.Bindings.ListMemberBindings,
            Result<IReadOnlyList<Portal.Application.Bindings.MemberBindingRow>>>(_owner, s => s.ExecuteAsync()));
        Assert.DoesNotContain(bindings, b => b.MemberName == "周杰");

        // The invitee sees the certified name and joins by accepting, on the invitation's terms.
        var mine = ResultAssert.Ok(await MineAsync(_known));
        Assert.Equal(("示例科技有限公司", OrgRoles.SealAdmin), (Assert.Single(mine).OrganizationName, mine[0].Roles));
        var membership = await _db.AcceptInvitationAsync(_known, _org);
        await using (var ctx = _db.Db(_org))
        {
            var m = await ctx.Memberships.SingleAsync(x => x.Id == membership);
            Assert.Equal(("周杰", OrgRoles.SealAdmin), (m.Name, m.Roles));
        }
        Assert.Empty(ResultAssert.Ok(await MineAsync(_known)));
        Assert.Equal(Errors.AlreadyMember, (await InviteAsync(Demo.CsMember, "周杰")).Error?.Code);
    }

    [Fact]
    public async Task Declining_removes_the_invitation_and_nobody_else_can_answer_it()
    {
        var invitation = ResultAssert.Ok(await InviteAsync(Demo.CsMember, "周杰")).Id;
        var stranger = await _db.UserIdAsync(Demo.CsHead);
        ResultAssert.Refused(Errors.NotFound, await _db.RunAsync<AcceptInvitation, Result>(stranger, s => s.ExecuteAsync(invitation)));
        ResultAssert.Refused(Errors.NotFound, await _db.RunAsync<DeclineInvitation, Result>(stranger, s => s.ExecuteAsync(invitation)));
        Assert.Empty(ResultAssert.Ok(await MineAsync(stranger)));

        ResultAssert.Ok(await _db.RunAsync<DeclineInvitation, Result>(_known, s => s.ExecuteAsync(invitation)));
        Assert.Empty(ResultAssert.Ok(await MineAsync(_known)));
        Assert.Empty(ResultAssert.Ok(await _db.RunAsync<ListInvitations, Result<IReadOnlyList<InvitationRow>>>(_owner, s => s.ExecuteAsync())));
        ResultAssert.Refused(Errors.RequestNotPending, await _db.RunAsync<AcceptInvitation, Result>(_known, s => s.ExecuteAsync(invitation)));
        await using var ctx = _db.Db(_org);
        Assert.False(await ctx.Memberships.AnyAsync(m => m.UserId == _known));
        Assert.True(await ctx.AuditEvents.AnyAsync(e => e.Action == AuditActions.MemberInviteDecline && e.Target == invitation.ToString()));
    }
}
