using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Grants;

/// <summary>
/// One step of a grant request: its approver approves (the next step opens; after the last one the grant is made) or rejects
/// with a reason (the request ends). The applicant gets an SMS when the request is decided.
/// </summary>
public sealed class DecideGrantRequest(WriteUnit unit, SmsNotifier sms)
{
    public Task<Result> ExecuteAsync(Guid requestId, bool approve, string? reason, CancellationToken cancellationToken = default)
    {
        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            return Task.FromResult(Result.Fail(Errors.ReasonRequired));
        }
        if (reason?.Trim().Length > 500)
        {
            return Task.FromResult(Result.Fail(Errors.ReasonRequired));
        }
        return unit.RunAsync(Write.InSpace(OrgRoles.Member), async w =>
        {
            var me = w.Me!;
            var request = await w.Db.SealGrantRequests.Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
            if (request is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            var step = GrantRequestFlow.CurrentStep(request);
            if (step is null)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            if (!GrantRequestFlow.CanDecide(step, request, me))
            {
                return Result.Fail(Errors.NotYourStep);
            }
            step.Status = approve ? GrantRequestStepStatus.Approved : GrantRequestStepStatus.Rejected;
            step.DecidedByUserId = me.UserId;
            step.DecidedByName = me.Name;
            step.DecidedAtUtc = w.Now;
            step.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            // A decided step changes the request even when only its steps changed: a decider holding the old request is refused.
            w.Touch(request);
            var seal = await w.Db.Seals.FirstAsync(s => s.Id == request.SealId, cancellationToken);
            SmsMessage? notifyText = null;
            if (!approve)
            {
                GrantRequestFlow.Close(request, RequestStatus.Rejected, w.Now);
                notifyText = SmsMessages.GrantRequestRejected(seal.Name, step.Reason ?? "");
            }
            else if (request.Steps.OrderBy(s => s.Order).FirstOrDefault(s => s.Status == GrantRequestStepStatus.Waiting) is { } next)
            {
                next.Status = GrantRequestStepStatus.Pending;
            }
            else
            {
                // The last approval makes the grant: the seal and the applicant are checked again now.
                var rule = await SealPolicies.EffectiveRuleAsync(w.Db, seal, cancellationToken);
                if (GrantChecks.Grantable(seal, rule) is { } refused)
                {
                    return refused;
                }
                if (!await w.Db.Memberships.AnyAsync(x => x.UserId == request.ApplicantUserId, cancellationToken))
                {
                    return Result.Fail(Errors.NotAMember);
                }
                if (request.EndUtc is { } end && end < w.Now)
                {
                    return Result.Fail(Errors.GrantWindowInvalid);
                }
                var start = request.StartUtc < w.Now ? w.Now : request.StartUtc;
                var grant = GrantChecks.NewGrant(seal, request.ApplicantUserId, null, (start, request.EndUtc), GrantSource.Request, me.UserId, w.Now);
                w.Db.SealGrants.Add(grant);
                request.GrantId = grant.Id;
                GrantRequestFlow.Close(request, RequestStatus.Approved, w.Now);
                notifyText = SmsMessages.GrantRequestApproved(seal.Name);
            }
            if (notifyText is not null)
            {
                var notifyPhone = await w.Db.Users.Where(u => u.Id == request.ApplicantUserId).Select(u => u.PhoneNumber).FirstOrDefaultAsync(cancellationToken);
                if (notifyPhone is not null)
                {
                    // After the commit: the outbox writes on its own connection.
                    w.AfterCommit(() => sms.SendAsync(notifyPhone, notifyText, cancellationToken));
                }
            }
            w.Audit(approve ? AuditActions.GrantRequestApprove : AuditActions.GrantRequestReject, request.Id.ToString(), $"{step.Kind}: {step.Reason}");
            return Result.Ok();
        }, cancellationToken);
    }
}
