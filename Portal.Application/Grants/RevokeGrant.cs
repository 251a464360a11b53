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
public sealed class RevokeGrant(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, ISealKeys keys, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid grantId, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Result.Fail(Errors.ReasonRequired);
        }
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Member, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var grant = await db.SealGrants.FirstOrDefaultAsync(g => g.Id == grantId, cancellationToken);
        if (grant is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        var seal = await db.Seals.FirstAsync(s => s.Id == grant.SealId, cancellationToken);
        var rule = await SealPolicies.EffectiveRuleAsync(db, seal, cancellationToken);
        if (!EffectiveSealRule.Allows(rule.GrantRoles, me.Value!))
        {
            return Result.Fail(Errors.SealPolicyForbids);
        }
        if (grant.Status != GrantStatus.Active)
        {
            return Result.Fail(Errors.GrantNotActive);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        SealLifecycle.RevokeGrant(grant, me.Value!.UserId, reason.Trim(), now);
        var certificateRevoked = await SealLifecycle.RevokeCertificateIfUnusableAsync(db, keys, seal, [grant.Id], now, cancellationToken);
        await audit.AppendAsync(db, "grant.revoke", grant.Id.ToString(), AuditOutcome.Success,
            certificateRevoked ? $"{reason.Trim()} (seal certificate revoked)" : reason.Trim(), cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
