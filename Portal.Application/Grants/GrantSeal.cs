using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Grants;

/// <summary>What to grant: a seal to a member or a department, from a first to a last day (null: long-term).</summary>
public sealed record GrantInput(Guid SealId, Guid? GranteeUserId, Guid? GranteeDepartmentId, DateOnly FirstDay, DateOnly? LastDay);

/// <summary>印章授权: roles the policy allows grant an active seal to a member or a department within the policy's limits.</summary>
public sealed class GrantSeal(WriteUnit unit)
{
    public Task<Result<Guid>> ExecuteAsync(GrantInput input, CancellationToken cancellationToken = default)
    {
        if ((input.GranteeUserId is null) == (input.GranteeDepartmentId is null))
        {
            return Task.FromResult(Result<Guid>.Fail(Errors.GranteeRequired));
        }
        return unit.RunAsync(Write.InSpace(), async w =>
        {
            var seal = await w.Db.Seals.FirstOrDefaultAsync(s => s.Id == input.SealId, cancellationToken);
            if (seal is null)
            {
                return Result<Guid>.Fail(Errors.NotFound);
            }
            var rule = await SealPolicies.EffectiveRuleAsync(w.Db, seal, cancellationToken);
            if (!EffectiveSealRule.Allows(rule.GrantRoles, w.Me!))
            {
                return Result<Guid>.Fail(Errors.SealPolicyForbids);
            }
            if (GrantChecks.Grantable(seal, rule) is { } refused)
            {
                return refused;
            }
            if (input.GranteeUserId is { } u && !await w.Db.Memberships.AnyAsync(m => m.UserId == u, cancellationToken))
            {
                return Result<Guid>.Fail(Errors.NotAMember);
            }
            if (input.GranteeDepartmentId is { } d && !await w.Db.Departments.AnyAsync(x => x.Id == d, cancellationToken))
            {
                return Result<Guid>.Fail(Errors.DepartmentNotFound);
            }
            var org = await w.Db.Organizations.AsNoTracking().FirstAsync(o => o.Id == seal.OrganizationId, cancellationToken);
            var window = GrantWindows.Resolve(input.FirstDay, input.LastDay, rule, org.TimeZoneId, w.Now);
            if (!window.Succeeded)
            {
                return window.Error!;
            }
            var grant = GrantChecks.NewGrant(seal, input.GranteeUserId, input.GranteeDepartmentId, window.Value, GrantSource.Manual, w.Me!.UserId, w.Now);
            w.Db.SealGrants.Add(grant);
            w.Audit(AuditActions.GrantCreate, grant.Id.ToString(), $"{seal.Name} → {(object?)input.GranteeUserId ?? input.GranteeDepartmentId}");
            return Result<Guid>.Ok(grant.Id);
        }, cancellationToken);
    }
}
