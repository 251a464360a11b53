using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Application.Policies;
using Portal.Application.Seals;
using Portal.Tests.Application.Seals;
using Portal.Tests.Support;
using static Portal.Tests.Support.ResultAssert;

namespace Portal.Tests.Application.Policies;

public class SealPolicyTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public async Task The_owner_edits_type_rules_and_a_seal_override_which_the_effective_rule_then_follows()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var model = Ok(await kit.Run<GetSealPolicy, Result<SealPolicyModel>>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync()));
        Assert.False(model.CanEdit);
        Assert.Equal(5, model.Rules.Count);
        Refused(Errors.Forbidden, await kit.Run<UpdateSealPolicy, Result>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(VoidingBehaviour.KeepUntilRevoked, model.Rules, model.ConcurrencyStamp)));

        var official = await kit.SealAsync(kit.Enterprise, s => s.Type == SealType.Official);
        var contract = await kit.SealAsync(kit.Enterprise, s => s.Type == SealType.Contract);
        var rules = model.Rules.Select(r => r.SealType == SealType.Contract ? r with { MaxGrantDays = 30 } : r).ToList();
        rules.Add(model.Rules.Single(r => r.SealType == SealType.Official) with
        {
            SealId = official.Id,
            AllowLongTerm = true,
            RequiresUseApproval = true,
            UseApproverRoles = OrgRoles.Owner,
            MaxUsesPerUserPerDay = 5,
            AllowedFromHour = 9,
            AllowedToHour = 18,
            AllowedWeekdays = AllowedWeekdays.Workdays,
            ApprovalChain = [ApprovalStepKind.SealAdmin, ApprovalStepKind.Owner],
        });
        Ok(await kit.Run<UpdateSealPolicy, Result>(Demo.EnterpriseOwner, s => s.ExecuteAsync(VoidingBehaviour.KeepUntilRevoked, rules, model.ConcurrencyStamp)));
        // A stale editor is refused.
        Refused(Errors.Concurrency, await kit.Run<UpdateSealPolicy, Result>(Demo.EnterpriseOwner,
            s => s.ExecuteAsync(VoidingBehaviour.StopAtVoiding, rules, model.ConcurrencyStamp)));

        await using (var ctx = kit.Db.Db(kit.Enterprise))
        {
            var eff = await SealPolicies.EffectiveRuleAsync(ctx, official);
            Assert.True(eff.IsOverride);
            Assert.Equal((true, true, 5, 9, 18, AllowedWeekdays.Workdays, VoidingBehaviour.KeepUntilRevoked),
                (eff.AllowLongTerm, eff.RequiresUseApproval, eff.MaxUsesPerUserPerDay, eff.AllowedFromHour, eff.AllowedToHour, eff.AllowedWeekdays, eff.VoidingBehaviour));
            Assert.Equal([ApprovalStepKind.SealAdmin, ApprovalStepKind.Owner], eff.ApprovalChain);
            var contractRule = await SealPolicies.EffectiveRuleAsync(ctx, contract);
            Assert.Equal((false, 30), (contractRule.IsOverride, contractRule.MaxGrantDays));
        }
        var zhao = await kit.User(Demo.EnterpriseMember2);
        Refused(Errors.GrantTooLong, await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(new GrantInput(contract.Id, zhao, null, Today, Today.AddDays(30)))));
        Ok(await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(new GrantInput(official.Id, zhao, null, Today, null))));

        // Dropping the override from the list removes it.
        var again = Ok(await kit.Run<GetSealPolicy, Result<SealPolicyModel>>(Demo.EnterpriseOwner, s => s.ExecuteAsync()));
        Assert.Equal("公章", again.Rules.Single(r => r.SealId == official.Id).SealName);
        Ok(await kit.Run<UpdateSealPolicy, Result>(Demo.EnterpriseOwner,
            s => s.ExecuteAsync(again.VoidingBehaviour, [.. again.Rules.Where(r => r.SealId is null)], again.ConcurrencyStamp)));
        await using (var ctx = kit.Db.Db(kit.Enterprise))
        {
            Assert.False((await SealPolicies.EffectiveRuleAsync(ctx, official)).IsOverride);
        }
    }

    [Theory]
    [InlineData("roles", Errors.PolicyRolesRequired)]
    [InlineData("days", Errors.PolicyMaxDaysInvalid)]
    [InlineData("chain", Errors.PolicyChainInvalid)]
    [InlineData("duplicate", Errors.PolicyChainInvalid)]
    [InlineData("hours", Errors.PolicyHoursInvalid)]
    [InlineData("weekdays", Errors.PolicyHoursInvalid)]
    [InlineData("limit", Errors.PolicyLimitInvalid)]
    [InlineData("approver", Errors.PolicyRolesRequired)]
    public async Task Invalid_rules_are_refused_and_change_nothing(string what, string code)
    {
        await using var kit = await SealTestKit.CreateAsync();
        var model = Ok(await kit.Run<GetSealPolicy, Result<SealPolicyModel>>(Demo.EnterpriseOwner, s => s.ExecuteAsync()));
        var first = model.Rules[0];
        var bad = what switch
        {
            "roles" => first with { GrantRoles = OrgRoles.Member },
            "days" => first with { MaxGrantDays = 0 },
            "chain" => first with { ApprovalChain = [] },
            "duplicate" => first with { ApprovalChain = [ApprovalStepKind.SealAdmin, ApprovalStepKind.SealAdmin] },
            "hours" => first with { AllowedFromHour = 18, AllowedToHour = 9 },
            "weekdays" => first with { AllowedWeekdays = AllowedWeekdays.None },
            "limit" => first with { MaxUsesPerUserPerDay = 0 },
            _ => first with { RequiresUseApproval = true, UseApproverRoles = OrgRoles.Member },
        };
        Refused(code, await kit.Run<UpdateSealPolicy, Result>(Demo.EnterpriseOwner,
            s => s.ExecuteAsync(VoidingBehaviour.KeepUntilRevoked, [bad, .. model.Rules.Skip(1)], model.ConcurrencyStamp)));
        var after = Ok(await kit.Run<GetSealPolicy, Result<SealPolicyModel>>(Demo.EnterpriseOwner, s => s.ExecuteAsync()));
        Assert.Equal((VoidingBehaviour.StopAtVoiding, model.ConcurrencyStamp), (after.VoidingBehaviour, after.ConcurrencyStamp));
    }

    [Fact]
    public async Task The_policy_can_reserve_voiding_to_the_owner()
    {
        await using var kit = await SealTestKit.CreateAsync();
        await kit.EditPolicyAsync(kit.Enterprise, p => p.Rules.Single(r => r.SealType == SealType.Official).VoidRoles = OrgRoles.Owner);
        var official = await kit.SealAsync(kit.Enterprise, s => s.Type == SealType.Official);
        Refused(Errors.SealPolicyForbids, await kit.Run<VoidSeal, Result>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(official.Id, "作废")));
        Ok(await kit.Run<VoidSeal, Result>(Demo.EnterpriseOwner, s => s.ExecuteAsync(official.Id, "作废")));
    }
}
