using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Grants;

/// <summary>申请印章授权: a member asks for an active seal for a window with a reason; the chain comes from the seal's policy rule.</summary>
public sealed class ApplyForGrant(WriteUnit unit)
{
    public Task<Result<Guid>> ExecuteAsync(Guid sealId, DateOnly firstDay, DateOnly? lastDay, string reason,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Task.FromResult(Result<Guid>.Fail(Errors.ReasonRequired));
        }
        return unit.RunAsync(Write.InSpace(), async w =>
        {
            var m = w.Me!;
            var seal = await w.Db.Seals.FirstOrDefaultAsync(s => s.Id == sealId, cancellationToken);
            if (seal is null)
            {
                return Result<Guid>.Fail(Errors.NotFound);
            }
            var rule = await SealPolicies.EffectiveRuleAsync(w.Db, seal, cancellationToken);
            if (GrantChecks.Grantable(seal, rule) is { } refused)
            {
                return refused;
            }
            var org = await w.Db.Organizations.AsNoTracking().FirstAsync(o => o.Id == seal.OrganizationId, cancellationToken);
            var window = GrantWindows.Resolve(firstDay, lastDay, rule, org.TimeZoneId, w.Now);
            if (!window.Succeeded)
            {
                return window.Error!;
            }
            if (await w.Db.SealGrantRequests.AnyAsync(r => r.SealId == sealId && r.ApplicantUserId == m.UserId && r.Status == RequestStatus.Pending,
                cancellationToken))
            {
                return Result<Guid>.Fail(Errors.GrantRequestPending);
            }
            var chain = rule.ApprovalChain.Count == 0 ? [ApprovalStepKind.SealAdmin] : rule.ApprovalChain;
            if (chain.Contains(ApprovalStepKind.DepartmentHead)
                && (m.DepartmentId is null || !await w.Db.Memberships.AnyAsync(x => x.DepartmentId == m.DepartmentId && x.UserId != m.UserId
                    && (x.Roles & OrgRoles.DepartmentHead) != 0, cancellationToken)))
            {
                return Result<Guid>.Fail(Errors.NoDepartmentHead);
            }
            var request = new SealGrantRequest
            {
                Id = Guid.NewGuid(),
                OrganizationId = seal.OrganizationId,
                SealId = seal.Id,
                ApplicantUserId = m.UserId,
                ApplicantName = m.Name,
                ApplicantDepartmentId = m.DepartmentId,
                StartUtc = window.Value.StartUtc,
                EndUtc = window.Value.EndUtc,
                Reason = reason.Trim(),
                Status = RequestStatus.Pending,
                CreatedAtUtc = w.Now,
            };
            request.Steps.AddRange(chain.Select((kind, i) => new SealGrantRequestStep
            {
                Id = Guid.NewGuid(),
                OrganizationId = seal.OrganizationId,
                RequestId = request.Id,
                Order = i,
                Kind = kind,
                Status = i == 0 ? GrantRequestStepStatus.Pending : GrantRequestStepStatus.Waiting,
            }));
            w.Db.SealGrantRequests.Add(request);
            w.Audit(AuditActions.GrantRequest, request.Id.ToString(), $"{seal.Name}: {request.Reason}");
            return Result<Guid>.Ok(request.Id);
        }, cancellationToken);
    }
}
