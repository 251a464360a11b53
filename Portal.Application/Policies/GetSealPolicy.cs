using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Policies;

/// <summary>用印策略 as the editor shows it: the type rules (defaults until saved) and the per-seal overrides.</summary>
public sealed class GetSealPolicy(WriteUnit unit, TimeProvider clock)
{
    public Task<Result<SealPolicyModel>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<SealPolicyModel>(Write.InSpace(OrgRoles.Owner | OrgRoles.SealAdmin), async read =>
        {
            var org = await read.Db.Organizations.AsNoTracking().FirstAsync(o => o.Id == read.Me!.OrganizationId, cancellationToken);
            var policy = await SealPolicies.FindAsync(read.Db, org.Id, cancellationToken)
                ?? SealPolicies.NewDefault(org.Id, org.Type, clock.GetUtcNow().UtcDateTime);
            var sealNames = await read.Db.Seals.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
            var rules = policy.Rules.OrderBy(r => r.SealId is null ? 0 : 1).ThenBy(r => r.SealType)
                .Select(r => SealRuleModel.From(r, r.SealId is { } id ? sealNames.GetValueOrDefault(id) : null)).ToList();
            return new SealPolicyModel(policy.VoidingBehaviour, rules, policy.ConcurrencyStamp, read.Me!.Has(OrgRoles.Owner));
        }, cancellationToken);
}
