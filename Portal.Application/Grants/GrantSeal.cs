using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Grants;

/// <summary>What to grant: a seal to a member or a department, from a first to a last day (null: long-term).</summary>
public sealed record GrantInput(Guid SealId, Guid? GranteeUserId, Guid? GranteeDepartmentId, DateOnly FirstDay, DateOnly? LastDay);

/// <summary>印章授权: roles the policy allows grant an active seal to a member or a department within the policy's limits.</summary>
public sealed class GrantSeal(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<Guid>> ExecuteAsync(GrantInput input, CancellationToken cancellationToken = default)
    {
        if ((input.GranteeUserId is null) == (input.GranteeDepartmentId is null))
        {
            return Result<Guid>.Fail(Errors.GranteeRequired);
        }
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Member, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var seal = await db.Seals.FirstOrDefaultAsync(s => s.Id == input.SealId, cancellationToken);
        if (seal is null)
        {
            return Result<Guid>.Fail(Errors.NotFound);
        }
        var rule = await SealPolicies.EffectiveRuleAsync(db, seal, cancellationToken);
        if (!EffectiveSealRule.Allows(rule.GrantRoles, me.Value!))
        {
            return Result<Guid>.Fail(Errors.SealPolicyForbids);
        }
        if (GrantChecks.Grantable(seal, rule) is { } refused)
        {
            return refused;
        }
        if (input.GranteeUserId is { } u && !await db.Memberships.AnyAsync(m => m.UserId == u, cancellationToken))
        {
            return Result<Guid>.Fail(Errors.NotAMember);
        }
        if (input.GranteeDepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d, cancellationToken))
        {
            return Result<Guid>.Fail(Errors.DepartmentNotFound);
        }
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == seal.OrganizationId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var window = GrantWindows.Resolve(input.FirstDay, input.LastDay, rule, org.TimeZoneId, now);
        if (!window.Succeeded)
        {
            return window.Error!;
        }
        var grant = GrantChecks.NewGrant(seal, input.GranteeUserId, input.GranteeDepartmentId, window.Value, GrantSource.Manual, me.Value!.UserId, now);
        db.SealGrants.Add(grant);
        await audit.AppendAsync(db, "grant.create", grant.Id.ToString(), AuditOutcome.Success,
            $"{seal.Name} → {(object?)input.GranteeUserId ?? input.GranteeDepartmentId}", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return grant.Id;
    }
}
