using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.SigningTasks;
using Portal.Tests.Application.Signing;
using Portal.Tests.Support;

namespace Portal.Tests.Application.SigningTasks;

/// <summary>
/// 查看异常任务 at 示例学院: 杨帆 (seal admin) sends parallel tasks whose participants sign with seals; each test breaks what a
/// participant needs (grant revoked or expired, none, the seal voided or gone, membership, anyone who may grant) and the
/// exception list says why and who can fix it — to the initiator and the owner only.
/// </summary>
public sealed class TaskExceptionsTests : IAsyncLifetime
{
    private const string Wu = "13700000005", Zheng = "13700000006";
    private SigningTestKit _kit = null!;
    private Guid _org, _initiator, _head, _member, _wang, _owner, _wu, _zheng;

    public async Task InitializeAsync()
    {
        _kit = await SigningTestKit.CreateAsync();
        _org = _kit.University;
        _initiator = await _kit.User(Demo.UniversitySealAdmin);
        _head = await _kit.User(Demo.CsHead);
        _member = await _kit.User(Demo.CsMember);
        _wang = await _kit.User(Demo.EnterpriseMember);
        _owner = await _kit.User(Demo.UniversityOwner);
        _wu = await _kit.User(Wu);
        _zheng = await _kit.User(Zheng);
        foreach (var u in new[] { _initiator, _head, _member, _wang, _owner, _wu, _zheng })
        {
            await _kit.Db.SwitchAsync(u, _org);
        }
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    private DateTime Now => _kit.Db.Clock.GetUtcNow().UtcDateTime;

    private async Task<Guid> SentAsync(params TaskParticipantInput[] participants)
    {
        var today = DateOnly.FromDateTime(Now.AddHours(8));
        var saved = await _kit.Db.RunAsync<SaveTaskDraft, Result<SavedTaskDraft>>(_initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(null,
            "盖章会签", null, today.AddDays(3), SigningOrder.Parallel, null, [TaskDocumentInput.New("合同.pdf", SigningTestKit.Pdf)], participants, [])));
        var id = ResultAssert.Ok(saved).TaskId;
        ResultAssert.Ok(await _kit.Db.RunAsync<SendTask, Result>(_initiator, s => s.ExecuteAsync(id)));
        return id;
    }

    private static TaskParticipantInput WithSeal(Guid user, SealType type) => new(user, ParticipantSignAs.OrganizationSeal, type);

    private async Task<Dictionary<string, TaskExceptionRow>> ExceptionsAs(Guid user) =>
        ResultAssert.Ok(await _kit.Db.RunAsync<ListTaskExceptions, Result<IReadOnlyList<TaskExceptionRow>>>(user, s => s.ExecuteAsync()))
            .ToDictionary(r => r.ParticipantName);

    [Fact]
    public async Task A_revoked_or_expired_grant_or_none_blocks_the_participant_and_names_who_may_grant_to_the_initiator_and_owner_only()
    {
        var id = await SentAsync(WithSeal(_head, SealType.Official), WithSeal(_member, SealType.Contract), WithSeal(_wang, SealType.Official));
        var before = await ExceptionsAs(_initiator);
        // 黄磊 holds the department seal's grant; 周杰 and 王强 hold none, and the owner and seal admin may grant one.
        Assert.DoesNotContain("黄磊", before.Keys);
        Assert.Equal((TaskBlockReason.NoGrant, SealType.Contract), (before["周杰"].Reason, before["周杰"].SealType));
        Assert.Equal(TaskBlockReason.NoGrant, before["王强"].Reason);
        Assert.Contains("陈静", before["周杰"].FixedBy);
        Assert.Equal(id, before["周杰"].TaskId);

        var csSeal = await _kit.SealAsync(_org, s => s.Name == "计算机学院印章");
        await _kit.EditAsync(_org, async db =>
        {
            foreach (var g in await db.SealGrants.Where(g => g.GranteeUserId == _head).ToListAsync())
            {
                g.Status = GrantStatus.Revoked;
                g.RevokedAtUtc = Now;
            }
            db.SealGrants.Add(new SealGrant
            {
                Id = Guid.NewGuid(),
                OrganizationId = _org,
                SealId = csSeal.Id,
                GranteeUserId = _wang,
                StartUtc = Now.AddDays(-10),
                EndUtc = Now.AddMinutes(-1),
                Status = GrantStatus.Active,
                Source = GrantSource.Manual,
                GrantedByUserId = _initiator,
                GrantedAtUtc = Now.AddDays(-10),
            });
        });
        var after = await ExceptionsAs(_initiator);
        Assert.Equal((TaskBlockReason.GrantRevoked, "计算机学院印章"), (after["黄磊"].Reason, after["黄磊"].SealName));
        Assert.Equal((TaskBlockReason.GrantExpired, "计算机学院印章"), (after["王强"].Reason, after["王强"].SealName));
        Assert.Contains("杨帆", after["王强"].FixedBy);

        // The owner sees the organization's tasks; a participant who did not start the task sees none of its exceptions.
        Assert.Equal(after.Keys.Order(), (await ExceptionsAs(_owner)).Keys.Order());
        Assert.Empty(await ExceptionsAs(_member));
        // In the personal space there is nothing of the organization's.
        await _kit.Db.SwitchAsync(_initiator, null);
        Assert.Empty(await ExceptionsAs(_initiator));
    }

    [Fact]
    public async Task A_voided_or_missing_seal_a_participant_who_left_and_nobody_to_grant_each_say_why_and_who_can_fix_it()
    {
        await SentAsync(WithSeal(_member, SealType.Contract), WithSeal(_head, SealType.Official), new TaskParticipantInput(_wu),
            WithSeal(_zheng, SealType.Official));
        var before = await ExceptionsAs(_initiator);
        Assert.Equal(["周杰", "郑浩"], before.Keys.Order());

        await _kit.EditAsync(_org, async db =>
        {
            foreach (var s in await db.Seals.Where(s => s.Type == SealType.Contract).ToListAsync())
            {
                s.Status = SealStatus.Voided;
                s.VoidedAtUtc = Now;
            }
            // The designated type changed to one the organization has no seal of (as if the seal had been deleted).
            (await db.TaskParticipants.SingleAsync(p => p.UserId == _head)).DesignatedSealType = SealType.HumanResources;
            db.Memberships.Remove(await db.Memberships.SingleAsync(m => m.UserId == _wu));
        });
        var broken = await ExceptionsAs(_initiator);
        Assert.Equal((TaskBlockReason.SealVoided, SealType.Contract), (broken["周杰"].Reason, broken["周杰"].SealType));
        Assert.NotNull(broken["周杰"].SealName);
        Assert.Contains("陈静", broken["周杰"].FixedBy);
        Assert.Equal((TaskBlockReason.NoSealOfType, SealType.HumanResources), (broken["黄磊"].Reason, broken["黄磊"].SealType));
        Assert.Equal((TaskBlockReason.ParticipantLeft, "杨帆"), (broken["吴芳"].Reason, broken["吴芳"].FixedBy));
        Assert.Equal(TaskBlockReason.NoGrant, broken["郑浩"].Reason);

        // Nobody left who may grant a seal: only the initiator can act (revoke and start again).
        await _kit.EditAsync(_org, async db =>
        {
            foreach (var m in await db.Memberships.ToListAsync())
            {
                m.Roles = OrgRoles.Member;
            }
        });
        var stuck = await ExceptionsAs(_initiator);
        Assert.Equal((TaskBlockReason.NobodyToGrant, "杨帆"), (stuck["郑浩"].Reason, stuck["郑浩"].FixedBy));
    }
}
