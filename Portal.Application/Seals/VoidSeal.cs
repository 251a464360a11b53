using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Seals;

/// <summary>作废单位印章: reason required, refused to roles the policy does not allow; writes a void record.</summary>
public sealed class VoidSeal(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, ISealKeys keys, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid sealId, string reason, CancellationToken cancellationToken = default)
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
        var seal = await db.Seals.FirstOrDefaultAsync(s => s.Id == sealId, cancellationToken);
        if (seal is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        var rule = await SealPolicies.EffectiveRuleAsync(db, seal, cancellationToken);
        if (!EffectiveSealRule.Allows(rule.VoidRoles, me.Value!))
        {
            return Result.Fail(Errors.SealPolicyForbids);
        }
        if (seal.Status is SealStatus.Voided or SealStatus.Rejected)
        {
            return Result.Fail(Errors.SealNotActive, seal.Name);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await SealPolicies.EnsureAsync(db, seal.OrganizationId, now, cancellationToken);
        var record = await SealLifecycle.VoidAsync(db, keys, seal, SealVoidCause.Manual, reason.Trim(), me.Value!.UserId, me.Value.Name, now,
            cancellationToken);
        await audit.AppendAsync(db, "seal.void", seal.Id.ToString(), AuditOutcome.Success,
            $"{reason.Trim()} (grants revoked {record.GrantsRevoked}, kept {record.GrantsKept}, certificate revoked {record.CertificateRevoked})",
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
