using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Policies;

/// <summary>The rule that applies to one seal: its type's rule overlaid with the seal's override, plus the policy's voiding behaviour.</summary>
public sealed record EffectiveSealRule(
    SealType SealType,
    bool IsOverride,
    VoidingBehaviour VoidingBehaviour,
    OrgRoles MakeRoles,
    OrgRoles VoidRoles,
    OrgRoles GrantRoles,
    bool LegalRepresentativeGrantable,
    int? MaxGrantDays,
    bool AllowLongTerm,
    IReadOnlyList<ApprovalStepKind> ApprovalChain,
    bool RequiresUseApproval,
    OrgRoles UseApproverRoles,
    int? MaxUsesPerUserPerDay,
    int? AllowedFromHour,
    int? AllowedToHour,
    AllowedWeekdays AllowedWeekdays)
{
    public static EffectiveSealRule From(SealPolicyRule r, VoidingBehaviour voiding, bool isOverride) => new(
        r.SealType, isOverride, voiding, r.MakeRoles, r.VoidRoles, r.GrantRoles, r.LegalRepresentativeGrantable, r.MaxGrantDays,
        r.AllowLongTerm, [.. r.ApprovalChain], r.RequiresUseApproval, r.UseApproverRoles, r.MaxUsesPerUserPerDay, r.AllowedFromHour,
        r.AllowedToHour, r.AllowedWeekdays);

    /// <summary>Whether a membership holds one of <paramref name="roles"/> (Member = anyone).</summary>
    public static bool Allows(OrgRoles roles, Membership m) => roles == OrgRoles.Member || (m.Roles & roles) != 0;
}

/// <summary>
/// The one place both halves read seal policy from. A tenant has exactly one <see cref="SealPolicy"/>: created with defaults
/// at certification (or lazily by the first write that needs it); until then reads see the defaults.
/// </summary>
public static class SealPolicies
{
    /// <summary>Organization seal types a policy has a rule for.</summary>
    public static readonly SealType[] OrganizationTypes =
        [SealType.Official, SealType.Contract, SealType.Finance, SealType.HumanResources, SealType.LegalRepresentative];

    /// <summary>The default approval chain: university — department head then seal admin; others — seal admin.</summary>
    public static List<ApprovalStepKind> DefaultChain(OrganizationType type) => type == OrganizationType.University
        ? [ApprovalStepKind.DepartmentHead, ApprovalStepKind.SealAdmin]
        : [ApprovalStepKind.SealAdmin];

    /// <summary>Defaults: make/void/grant by owner and seal admins; at most 3 years, no long-term; no use approval; no limits.</summary>
    public static SealPolicyRule DefaultRule(Guid organizationId, Guid policyId, OrganizationType orgType, SealType type) => new()
    {
        Id = Guid.NewGuid(),
        OrganizationId = organizationId,
        PolicyId = policyId,
        SealType = type,
        MakeRoles = OrgRoles.Owner | OrgRoles.SealAdmin,
        VoidRoles = OrgRoles.Owner | OrgRoles.SealAdmin,
        GrantRoles = OrgRoles.Owner | OrgRoles.SealAdmin,
        LegalRepresentativeGrantable = false,
        MaxGrantDays = 3 * 365,
        AllowLongTerm = false,
        ApprovalChain = DefaultChain(orgType),
        RequiresUseApproval = false,
        UseApproverRoles = OrgRoles.SealAdmin,
        AllowedWeekdays = AllowedWeekdays.All,
    };

    public static SealPolicy NewDefault(Guid organizationId, OrganizationType orgType, DateTime nowUtc)
    {
        var policy = new SealPolicy { Id = Guid.NewGuid(), OrganizationId = organizationId, VoidingBehaviour = VoidingBehaviour.StopAtVoiding, UpdatedAtUtc = nowUtc };
        policy.Rules.AddRange(OrganizationTypes.Select(t => DefaultRule(organizationId, policy.Id, orgType, t)));
        return policy;
    }

    /// <summary>The organization's policy with its rules, or null when none was stored yet (reads then use the defaults).</summary>
    public static async Task<SealPolicy?> FindAsync(IPortalDbContext db, Guid organizationId, CancellationToken cancellationToken = default) =>
        // A policy staged earlier in this unit of work (not saved yet) counts too.
        db.SealPolicies.Local.FirstOrDefault(p => p.OrganizationId == organizationId)
            ?? await db.SealPolicies.Include(p => p.Rules).FirstOrDefaultAsync(p => p.OrganizationId == organizationId, cancellationToken);

    /// <summary>The stored policy, created with defaults if missing (call inside a write transaction).</summary>
    public static async Task<SealPolicy> EnsureAsync(IPortalDbContext db, Guid organizationId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var policy = await FindAsync(db, organizationId, cancellationToken);
        if (policy is not null)
        {
            return policy;
        }
        var orgType = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Type).FirstAsync(cancellationToken);
        policy = NewDefault(organizationId, orgType, nowUtc);
        db.SealPolicies.Add(policy);
        return policy;
    }

    /// <summary>The rule for a seal type (no seal yet, e.g. when making one).</summary>
    public static async Task<EffectiveSealRule> TypeRuleAsync(IPortalDbContext db, Guid organizationId, SealType type, CancellationToken cancellationToken = default)
    {
        var policy = await FindAsync(db, organizationId, cancellationToken);
        var rule = policy?.Rules.FirstOrDefault(r => r.SealId is null && r.SealType == type);
        if (policy is not null && rule is not null)
        {
            return EffectiveSealRule.From(rule, policy.VoidingBehaviour, false);
        }
        var orgType = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Type).FirstAsync(cancellationToken);
        return EffectiveSealRule.From(DefaultRule(organizationId, Guid.Empty, orgType, type), policy?.VoidingBehaviour ?? VoidingBehaviour.StopAtVoiding, false);
    }

    /// <summary>The rule that applies to <paramref name="seal"/>: its override if it has one, else its type's rule.</summary>
    public static async Task<EffectiveSealRule> EffectiveRuleAsync(IPortalDbContext db, Seal seal, CancellationToken cancellationToken = default)
    {
        var policy = await FindAsync(db, seal.OrganizationId, cancellationToken);
        var over = policy?.Rules.FirstOrDefault(r => r.SealId == seal.Id);
        if (policy is not null && over is not null)
        {
            return EffectiveSealRule.From(over, policy.VoidingBehaviour, true);
        }
        return await TypeRuleAsync(db, seal.OrganizationId, seal.Type, cancellationToken);
    }
}
