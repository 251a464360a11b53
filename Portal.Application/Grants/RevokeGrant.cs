using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;
using Portal.Application.Seals;

namespace Portal.Application.Grants;

/// <summary>
/// 收回单位印章: revokes a grant (also on voided seals) with a reason. Under keep-until-revoked, revoking the last grant of a
/// voided seal revokes its certificate in the same unit of work.
/// </summary>
public sealed class RevokeGrant(WriteUnit unit, ISealKeys keys)
{
    public Task<Result> ExecuteAsync(Guid grantId, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Task.FromResult(Result.Fail(Errors.ReasonRequired));
        }
        return unit.RunAsync(Write.InSpace(), async w =>
        {
            var grant = await w.Db.SealGrants.FirstOrDefaultAsync(g => g.Id == grantId, cancellationToken);
            if (grant is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            var seal = await w.Db.Seals.FirstAsync(s => s.Id == grant.SealId, cancellationToken);
            var rule = await SealPolicies.EffectiveRuleAsync(w.Db, seal, cancellationToken);
            if (!EffectiveSealRule.Allows(rule.GrantRoles, w.Me!))
            {
                return Result.Fail(Errors.SealPolicyForbids);
            }
            if (grant.Status != GrantStatus.Active)
            {
                return Result.Fail(Errors.GrantNotActive);
            }
            SealLifecycle.RevokeGrant(grant, w.Me!.UserId, reason.Trim(), w.Now);
            var certificateRevoked = await SealLifecycle.RevokeCertificateIfUnusableAsync(w.Db, keys, seal, [grant.Id], w.Now, cancellationToken);
            w.Audit(AuditActions.GrantRevoke, grant.Id.ToString(), certificateRevoked ? $"{reason.Trim()} (seal certificate revoked)" : reason.Trim());
            return Result.Ok();
        }, cancellationToken);
    }
}
