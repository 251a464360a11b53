using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Signing;

/// <summary>用印审批: an approver (the policy's use-approver roles; default seal admins) approves or rejects with a reason.</summary>
public sealed class DecideUseRequest(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(Guid requestId, bool approve, string? reason, CancellationToken cancellationToken = default)
    {
        if (!approve && string.IsNullOrWhiteSpace(reason) || (reason?.Trim().Length ?? 0) > 500)
        {
            return Task.FromResult(Result.Fail(Errors.ReasonRequired));
        }
        return unit.RunAsync(Write.InSpace(), async w =>
        {
            var request = await w.Db.SealUseRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
            var seal = request is null ? null : await w.Db.Seals.FirstOrDefaultAsync(s => s.Id == request.SealId, cancellationToken);
            if (request is null || seal is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            var rule = await SealPolicies.EffectiveRuleAsync(w.Db, seal, cancellationToken);
            if (!UseRequestRules.MayDecide(rule, w.Me!, request))
            {
                return Result.Fail(Errors.Forbidden);
            }
            if (request.Status != RequestStatus.Pending)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            request.Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
            request.DecidedByUserId = w.Me!.UserId;
            request.DecidedByName = w.Me.Name;
            request.DecidedAtUtc = w.Now;
            request.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            w.Audit(approve ? AuditActions.SealUseRequestApprove : AuditActions.SealUseRequestReject, request.Id.ToString(), request.DecisionReason);
            return Result.Ok();
        }, cancellationToken);
    }
}
