using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Application.Todos;
using Portal.Tests.Application.Seals;
using Portal.Tests.Support;
using static Portal.Tests.Support.ResultAssert;

namespace Portal.Tests.Application.Grants;

public class GrantRequestTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static Task<Result> Decide(SealTestKit kit, string phone, Guid id, bool approve, string? reason = null) =>
        kit.Run<DecideGrantRequest, Result>(phone, s => s.ExecuteAsync(id, approve, reason));

    private static async Task<IReadOnlyList<TodoRow>> Todos(SealTestKit kit, string phone) =>
        Ok(await kit.Run<ListTodos, Result<IReadOnlyList<TodoRow>>>(phone, s => s.ExecuteAsync()));

    [Fact]
    public async Task University_two_step_chain_department_head_then_seal_admin_makes_the_grant_and_tells_the_applicant()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var csSeal = await kit.SealAsync(kit.University, s => s.DepartmentId != null);
        var id = Ok(await kit.Run<ApplyForGrant, Result<Guid>>(Demo.CsMember, s => s.ExecuteAsync(csSeal.Id, Today, Today.AddDays(30), "签署实验室合同")));
        Refused(Errors.GrantRequestPending, await kit.Run<ApplyForGrant, Result<Guid>>(Demo.CsMember, s => s.ExecuteAsync(csSeal.Id, Today, Today.AddDays(3), "再次")));

        // Step 1 belongs to a head of 计算机学院: not the seal admin, not 财务处's head, not the applicant.
        Assert.Contains(await Todos(kit, Demo.CsHead), t => t.Id == id && t.Kind == "GrantRequest");
        Assert.DoesNotContain(await Todos(kit, Demo.UniversitySealAdmin), t => t.Id == id);
        Refused(Errors.NotYourStep, await Decide(kit, Demo.UniversitySealAdmin, id, true));
        Refused(Errors.NotYourStep, await Decide(kit, "13700000005", id, true));
        Refused(Errors.NotYourStep, await Decide(kit, Demo.CsMember, id, true));

        Ok(await Decide(kit, Demo.CsHead, id, true, "同意"));
        Assert.DoesNotContain(await Todos(kit, Demo.CsHead), t => t.Id == id);
        Assert.Contains(await Todos(kit, Demo.UniversitySealAdmin), t => t.Id == id);
        Refused(Errors.NotYourStep, await Decide(kit, Demo.CsHead, id, true));
        var now = kit.Db.Clock.GetUtcNow().UtcDateTime;
        await using (var ctx = kit.Db.Db(kit.University))
        {
            Assert.Null(await SealGrants.ActiveGrantForAsync(ctx, await kit.User(Demo.CsMember), csSeal.Id, now));
        }

        Ok(await Decide(kit, Demo.UniversitySealAdmin, id, true));
        var mine = Ok(await kit.Run<ListGrantRequests, Result<IReadOnlyList<GrantRequestRow>>>(Demo.CsMember, s => s.MineAsync())).Single();
        Assert.Equal(RequestStatus.Approved, mine.Status);
        Assert.Equal([("黄磊", GrantRequestStepStatus.Approved), ("杨帆", GrantRequestStepStatus.Approved)],
            mine.Steps.Select(s => (s.DecidedByName!, s.Status)));
        await using (var ctx = kit.Db.Db(kit.University))
        {
            var grant = await SealGrants.ActiveGrantForAsync(ctx, await kit.User(Demo.CsMember), csSeal.Id, now);
            Assert.Equal(GrantSource.Request, grant!.Source);
            Assert.Equal(new DateTime(2026, 12, 23, 15, 59, 59, DateTimeKind.Utc), grant.EndUtc);
            Assert.True(await ctx.SmsOutbox.AnyAsync(m => m.Phone == Demo.CsMember && m.Text.Contains("已批准")));
        }
        Refused(Errors.RequestNotPending, await Decide(kit, Demo.UniversitySealAdmin, id, true));
    }

    [Fact]
    public async Task Enterprise_one_step_chain_and_a_rejection_needs_a_reason_and_ends_the_request()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var official = await kit.SealAsync(kit.Enterprise, s => s.Type == SealType.Official);
        var id = Ok(await kit.Run<ApplyForGrant, Result<Guid>>(Demo.EnterpriseMember2, s => s.ExecuteAsync(official.Id, Today, Today.AddDays(7), "投标")));
        Refused(Errors.ReasonRequired, await Decide(kit, Demo.EnterpriseSealAdmin, id, false, " "));
        Ok(await Decide(kit, Demo.EnterpriseSealAdmin, id, false, "请走线下流程"));
        var mine = Ok(await kit.Run<ListGrantRequests, Result<IReadOnlyList<GrantRequestRow>>>(Demo.EnterpriseMember2, s => s.MineAsync())).Single();
        Assert.Equal((RequestStatus.Rejected, "请走线下流程"), (mine.Status, mine.Steps.Single().Reason));
        Assert.Empty(await kit.GrantsAsync(kit.Enterprise, official.Id));
        await using (var ctx = kit.Db.Db(kit.Enterprise))
        {
            Assert.True(await ctx.SmsOutbox.AnyAsync(m => m.Phone == Demo.EnterpriseMember2 && m.Text.Contains("驳回")));
        }

        var again = Ok(await kit.Run<ApplyForGrant, Result<Guid>>(Demo.EnterpriseMember2, s => s.ExecuteAsync(official.Id, Today, Today.AddDays(7), "投标")));
        Ok(await Decide(kit, Demo.EnterpriseSealAdmin, again, true));
        Assert.Single(await kit.GrantsAsync(kit.Enterprise, official.Id));
    }

    [Fact]
    public async Task Three_step_chain_runs_in_order_and_a_rejection_in_the_middle_cancels_the_rest()
    {
        await using var kit = await SealTestKit.CreateAsync();
        await kit.EditPolicyAsync(kit.University, p =>
        {
            foreach (var r in p.Rules)
            {
                r.ApprovalChain = [ApprovalStepKind.DepartmentHead, ApprovalStepKind.SealAdmin, ApprovalStepKind.Owner];
            }
        });
        var csSeal = await kit.SealAsync(kit.University, s => s.DepartmentId != null);
        var id = Ok(await kit.Run<ApplyForGrant, Result<Guid>>(Demo.CsMember, s => s.ExecuteAsync(csSeal.Id, Today, Today.AddDays(1), "答辩材料")));
        Refused(Errors.NotYourStep, await Decide(kit, Demo.UniversityOwner, id, true));
        Ok(await Decide(kit, Demo.CsHead, id, true));
        Ok(await Decide(kit, Demo.UniversitySealAdmin, id, true));
        Assert.DoesNotContain(await kit.GrantsAsync(kit.University, csSeal.Id), g => g.Source == GrantSource.Request);
        Ok(await Decide(kit, Demo.UniversityOwner, id, true));
        Assert.Single(await kit.GrantsAsync(kit.University, csSeal.Id), g => g.Source == GrantSource.Request);

        var second = Ok(await kit.Run<ApplyForGrant, Result<Guid>>(Demo.CsMember, s => s.ExecuteAsync(csSeal.Id, Today, Today.AddDays(1), "再申请")));
        Ok(await Decide(kit, Demo.CsHead, second, true));
        Ok(await Decide(kit, Demo.UniversitySealAdmin, second, false, "已有授权"));
        var row = Ok(await kit.Run<ListGrantRequests, Result<IReadOnlyList<GrantRequestRow>>>(Demo.CsMember, s => s.MineAsync())).Single(r => r.Id == second);
        Assert.Equal([GrantRequestStepStatus.Approved, GrantRequestStepStatus.Rejected, GrantRequestStepStatus.Cancelled], row.Steps.Select(s => s.Status));
        Assert.DoesNotContain(await Todos(kit, Demo.UniversityOwner), t => t.Id == second);
    }

    [Fact]
    public async Task A_department_head_step_needs_a_department_with_another_head_and_voided_seals_cannot_be_requested()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var official = await kit.SealAsync(kit.University, s => s.Type == SealType.Official && s.DepartmentId == null);
        // 杨帆 (seal admin) has no department: the university chain starts with a department head.
        Refused(Errors.NoDepartmentHead, await kit.Run<ApplyForGrant, Result<Guid>>(Demo.UniversitySealAdmin, s => s.ExecuteAsync(official.Id, Today, Today, "x")));
        Refused(Errors.ReasonRequired, await kit.Run<ApplyForGrant, Result<Guid>>(Demo.CsMember, s => s.ExecuteAsync(official.Id, Today, Today, "")));
        Refused(Errors.GrantTooLong, await kit.Run<ApplyForGrant, Result<Guid>>(Demo.CsMember, s => s.ExecuteAsync(official.Id, Today, Today.AddDays(2000), "长期")));

        var id = Ok(await kit.Run<ApplyForGrant, Result<Guid>>(Demo.CsMember, s => s.ExecuteAsync(official.Id, Today, Today, "盖章")));
        Ok(await Decide(kit, Demo.CsHead, id, true));
        Ok(await kit.Run<Portal.Application.Seals.VoidSeal, Result>(Demo.UniversityOwner, s => s.ExecuteAsync(official.Id, "作废")));
        // The last approval re-checks the seal.
        Refused(Errors.SealNotActive, await Decide(kit, Demo.UniversitySealAdmin, id, true));
        Refused(Errors.SealNotActive, await kit.Run<ApplyForGrant, Result<Guid>>(Demo.CsHead, s => s.ExecuteAsync(official.Id, Today, Today, "x")));
        Ok(await kit.Run<WithdrawGrantRequest, Result>(Demo.CsMember, s => s.ExecuteAsync(id)));
        Refused(Errors.RequestNotPending, await kit.Run<WithdrawGrantRequest, Result>(Demo.CsMember, s => s.ExecuteAsync(id)));
    }
}
