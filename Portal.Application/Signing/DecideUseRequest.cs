using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Signing;

/// <summary>用印审批: an approver (the policy's use-approver roles; default seal admins) approves or rejects with a reason.</summary>
public sealed class DecideUseRequest(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid requestId, bool approve, string? reason, CancellationToken cancellationToken = default)
    {
        if (!approve && string.IsNullOrWhiteSpace(reason) || (reason?.Trim().Length ?? 0) > 500)
        {
            return Result.Fail(Errors.ReasonRequired);
        }
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var request = await db.SealUseRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        var seal = request is null ? null : await db.Seals.FirstOrDefaultAsync(s => s.Id == request.SealId, cancellationToken);
        if (request is null || seal is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        var rule = await SealPolicies.EffectiveRuleAsync(db, seal, cancellationToken);
        if (!UseRequestRules.MayDecide(rule, me.Value!, request))
        {
            return Result.Fail(Errors.Forbidden);
        }
        if (request.Status != RequestStatus.Pending)
        {
            return Result.Fail(Errors.RequestNotPending);
        }
        request.Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
        request.DecidedByUserId = me.Value!.UserId;
        request.DecidedByName = me.Value.Name;
        request.DecidedAtUtc = clock.GetUtcNow().UtcDateTime;
        request.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        request.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, approve ? "seal.use-request.approve" : "seal.use-request.reject", request.Id.ToString(), AuditOutcome.Success,
            request.DecisionReason, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
