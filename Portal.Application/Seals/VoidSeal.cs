using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Seals;

/// <summary>作废单位印章: reason required, refused to roles the policy does not allow; writes a void record.</summary>
public sealed class VoidSeal(WriteUnit unit, ISealKeys keys)
{
    public Task<Result> ExecuteAsync(Guid sealId, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Task.FromResult(Result.Fail(Errors.ReasonRequired));
        }
        return unit.RunAsync(Write.InSpace(), async w =>
        {
            var seal = await w.Db.Seals.FirstOrDefaultAsync(s => s.Id == sealId, cancellationToken);
            if (seal is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            var rule = await SealPolicies.EffectiveRuleAsync(w.Db, seal, cancellationToken);
            if (!EffectiveSealRule.Allows(rule.VoidRoles, w.Me!))
            {
                return Result.Fail(Errors.SealPolicyForbids);
            }
            if (seal.Status is SealStatus.Voided or SealStatus.Rejected)
            {
                return Result.Fail(Errors.SealNotActive, seal.Name);
            }
            await SealPolicies.EnsureAsync(w.Db, seal.OrganizationId, w.Now, cancellationToken);
            var record = await SealLifecycle.VoidAsync(w.Db, keys, seal, SealVoidCause.Manual, reason.Trim(), w.Me!.UserId, w.Me.Name, w.Now,
                cancellationToken);
            w.Audit(AuditActions.SealVoid, seal.Id.ToString(),
                $"{reason.Trim()} (grants revoked {record.GrantsRevoked}, kept {record.GrantsKept}, certificate revoked {record.CertificateRevoked})");
            return Result.Ok();
        }, cancellationToken);
    }
}
