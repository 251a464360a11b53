using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Policies;

/// <summary>用印策略 as the editor shows it: the type rules (defaults until saved) and the per-seal overrides.</summary>
public sealed class GetSealPolicy(IPortalDbContextFactory dbFactory, Access access, TimeProvider clock)
{
    public async Task<Result<SealPolicyModel>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner | OrgRoles.SealAdmin, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == me.Value!.OrganizationId, cancellationToken);
        var policy = await SealPolicies.FindAsync(db, org.Id, cancellationToken)
            ?? SealPolicies.NewDefault(org.Id, org.Type, clock.GetUtcNow().UtcDateTime);
        var sealNames = await db.Seals.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var rules = policy.Rules.OrderBy(r => r.SealId is null ? 0 : 1).ThenBy(r => r.SealType)
            .Select(r => SealRuleModel.From(r, r.SealId is { } id ? sealNames.GetValueOrDefault(id) : null)).ToList();
        return new SealPolicyModel(policy.VoidingBehaviour, rules, policy.ConcurrencyStamp, me.Value!.Has(OrgRoles.Owner));
    }
}
