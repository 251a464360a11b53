using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Policies;

/// <summary>One rule as the editor shows and sends it (a type rule when <see cref="SealId"/> is null, else a seal's override).</summary>
public sealed record SealRuleModel
{
    public SealType SealType { get; init; }
    public Guid? SealId { get; init; }
    public string? SealName { get; init; }
    public OrgRoles MakeRoles { get; init; }
    public OrgRoles VoidRoles { get; init; }
    public OrgRoles GrantRoles { get; init; }
    public bool LegalRepresentativeGrantable { get; init; }
    public int? MaxGrantDays { get; init; }
    public bool AllowLongTerm { get; init; }
    public IReadOnlyList<ApprovalStepKind> ApprovalChain { get; init; } = [];
    public bool RequiresUseApproval { get; init; }
    public OrgRoles UseApproverRoles { get; init; }
    public int? MaxUsesPerUserPerDay { get; init; }
    public int? AllowedFromHour { get; init; }
    public int? AllowedToHour { get; init; }
    public AllowedWeekdays AllowedWeekdays { get; init; }

    public static SealRuleModel From(SealPolicyRule r, string? sealName = null) => new()
    {
        SealType = r.SealType,
        SealId = r.SealId,
        SealName = sealName,
        MakeRoles = r.MakeRoles,
        VoidRoles = r.VoidRoles,
        GrantRoles = r.GrantRoles,
        LegalRepresentativeGrantable = r.LegalRepresentativeGrantable,
        MaxGrantDays = r.MaxGrantDays,
        AllowLongTerm = r.AllowLongTerm,
        ApprovalChain = [.. r.ApprovalChain],
        RequiresUseApproval = r.RequiresUseApproval,
        UseApproverRoles = r.UseApproverRoles,
        MaxUsesPerUserPerDay = r.MaxUsesPerUserPerDay,
        AllowedFromHour = r.AllowedFromHour,
        AllowedToHour = r.AllowedToHour,
        AllowedWeekdays = r.AllowedWeekdays,
    };

    public void ApplyTo(SealPolicyRule r)
    {
        r.MakeRoles = MakeRoles;
        r.VoidRoles = VoidRoles;
        r.GrantRoles = GrantRoles;
        r.LegalRepresentativeGrantable = LegalRepresentativeGrantable;
        r.MaxGrantDays = MaxGrantDays;
        r.AllowLongTerm = AllowLongTerm;
        r.ApprovalChain = [.. ApprovalChain];
        r.RequiresUseApproval = RequiresUseApproval;
        r.UseApproverRoles = UseApproverRoles;
        r.MaxUsesPerUserPerDay = MaxUsesPerUserPerDay;
        r.AllowedFromHour = AllowedFromHour;
        r.AllowedToHour = AllowedToHour;
        r.AllowedWeekdays = AllowedWeekdays;
    }

    /// <summary>The first problem with this rule, or null.</summary>
    public PortalError? Check()
    {
        const OrgRoles managers = OrgRoles.Owner | OrgRoles.SealAdmin | OrgRoles.DepartmentHead;
        if (MakeRoles == 0 || VoidRoles == 0 || GrantRoles == 0 || (MakeRoles | VoidRoles | GrantRoles) > managers)
        {
            return new PortalError(Errors.PolicyRolesRequired);
        }
        if (MaxGrantDays is < 1 or > 3650)
        {
            return new PortalError(Errors.PolicyMaxDaysInvalid, 3650);
        }
        if (ApprovalChain.Count is 0 or > 3 || ApprovalChain.Distinct().Count() != ApprovalChain.Count
            || ApprovalChain.Any(k => !Enum.IsDefined(k)))
        {
            return new PortalError(Errors.PolicyChainInvalid);
        }
        if (RequiresUseApproval && (UseApproverRoles == 0 || UseApproverRoles > managers))
        {
            return new PortalError(Errors.PolicyRolesRequired);
        }
        if (MaxUsesPerUserPerDay is < 1 or > 10000)
        {
            return new PortalError(Errors.PolicyLimitInvalid);
        }
        if ((AllowedFromHour is null) != (AllowedToHour is null) || AllowedFromHour is < 0 or > 23 || AllowedToHour is < 1 or > 24
            || (AllowedFromHour is { } f && AllowedToHour is { } t && f >= t) || AllowedWeekdays == AllowedWeekdays.None
            || AllowedWeekdays > AllowedWeekdays.All)
        {
            return new PortalError(Errors.PolicyHoursInvalid);
        }
        return null;
    }
}

public sealed record SealPolicyModel(VoidingBehaviour VoidingBehaviour, IReadOnlyList<SealRuleModel> Rules, Guid ConcurrencyStamp, bool CanEdit);

/// <summary>The owner saves the policy: voiding behaviour, every type rule, and the overrides (absent overrides are removed).</summary>
public sealed class UpdateSealPolicy(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(VoidingBehaviour voiding, IReadOnlyList<SealRuleModel> rules, Guid? expectedStamp,
        CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(voiding))
        {
            return Task.FromResult(Result.Fail(Errors.PolicyChainInvalid));
        }
        foreach (var r in rules)
        {
            if (r.Check() is { } bad)
            {
                return Task.FromResult<Result>(bad);
            }
        }
        if (rules.GroupBy(r => (r.SealType, r.SealId)).Any(g => g.Count() > 1)
            || rules.Any(r => r.SealId is null && !SealPolicies.OrganizationTypes.Contains(r.SealType)))
        {
            return Task.FromResult(Result.Fail(Errors.PolicyChainInvalid));
        }
        return unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var existed = await SealPolicies.FindAsync(w.Db, w.Me!.OrganizationId, cancellationToken) is not null;
            var policy = await SealPolicies.EnsureAsync(w.Db, w.Me.OrganizationId, w.Now, cancellationToken);
            if (existed && expectedStamp is { } stamp && stamp != policy.ConcurrencyStamp)
            {
                return Result.Fail(Errors.Concurrency);
            }
            var overrideSeals = rules.Where(r => r.SealId is not null).Select(r => r.SealId!.Value).ToList();
            var seals = await w.Db.Seals.Where(s => overrideSeals.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Type, cancellationToken);
            if (seals.Count != overrideSeals.Count)
            {
                return Result.Fail(Errors.NotFound);
            }
            foreach (var model in rules)
            {
                var type = model.SealId is { } sid ? seals[sid] : model.SealType;
                var row = policy.Rules.FirstOrDefault(r => r.SealId == model.SealId && (model.SealId is not null || r.SealType == type));
                if (row is null)
                {
                    row = new SealPolicyRule { Id = Guid.NewGuid(), OrganizationId = policy.OrganizationId, PolicyId = policy.Id, SealType = type, SealId = model.SealId };
                    policy.Rules.Add(row);
                    w.Db.SealPolicyRules.Add(row);
                }
                model.ApplyTo(row);
            }
            foreach (var gone in policy.Rules.Where(r => r.SealId is { } id && !overrideSeals.Contains(id)).ToList())
            {
                policy.Rules.Remove(gone);
                w.Db.SealPolicyRules.Remove(gone);
            }
            policy.VoidingBehaviour = voiding;
            policy.UpdatedAtUtc = w.Now;
            policy.UpdatedByUserId = w.Me.UserId;
            // Saving is one edit of the whole policy: its stamp moves even when only rules changed.
            w.Touch(policy);
            w.Audit(AuditActions.SealPolicyUpdate, policy.Id.ToString(), $"{voiding}; rules {rules.Count}");
            return Result.Ok();
        }, cancellationToken);
    }
}
