using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Grants;

/// <summary>
/// One step of a grant request: its approver approves (the next step opens; after the last one the grant is made) or rejects
/// with a reason (the request ends). The applicant gets an SMS when the request is decided.
/// </summary>
public sealed class DecideGrantRequest(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, SmsNotifier sms, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid requestId, bool approve, string? reason, CancellationToken cancellationToken = default)
    {
        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            return Result.Fail(Errors.ReasonRequired);
        }
        if (reason?.Trim().Length > 500)
        {
            return Result.Fail(Errors.ReasonRequired);
        }
        string? notifyPhone = null;
        SmsMessage? notifyText = null;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            var me = await access.RequireAsync(db, OrgRoles.Member, cancellationToken);
            if (!me.Succeeded)
            {
                return me.Error!;
            }
            var request = await db.SealGrantRequests.Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
            if (request is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            var step = GrantRequestFlow.CurrentStep(request);
            if (step is null)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            if (!GrantRequestFlow.CanDecide(step, request, me.Value!))
            {
                return Result.Fail(Errors.NotYourStep);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            step.Status = approve ? GrantRequestStepStatus.Approved : GrantRequestStepStatus.Rejected;
            step.DecidedByUserId = me.Value!.UserId;
            step.DecidedByName = me.Value.Name;
            step.DecidedAtUtc = now;
            step.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            request.ConcurrencyStamp = Guid.NewGuid();
            var seal = await db.Seals.FirstAsync(s => s.Id == request.SealId, cancellationToken);
            if (!approve)
            {
                GrantRequestFlow.Close(request, RequestStatus.Rejected, now);
                notifyText = SmsMessages.GrantRequestRejected(seal.Name, step.Reason ?? "");
            }
            else if (request.Steps.OrderBy(s => s.Order).FirstOrDefault(s => s.Status == GrantRequestStepStatus.Waiting) is { } next)
            {
                next.Status = GrantRequestStepStatus.Pending;
            }
            else
            {
                // The last approval makes the grant: the seal and the applicant are checked again now.
                var rule = await SealPolicies.EffectiveRuleAsync(db, seal, cancellationToken);
                if (GrantChecks.Grantable(seal, rule) is { } refused)
                {
                    return refused;
                }
                if (!await db.Memberships.AnyAsync(x => x.UserId == request.ApplicantUserId, cancellationToken))
                {
                    return Result.Fail(Errors.NotAMember);
                }
                if (request.EndUtc is { } end && end < now)
                {
                    return Result.Fail(Errors.GrantWindowInvalid);
                }
                var start = request.StartUtc < now ? now : request.StartUtc;
                var grant = GrantChecks.NewGrant(seal, request.ApplicantUserId, null, (start, request.EndUtc), GrantSource.Request, me.Value.UserId, now);
                db.SealGrants.Add(grant);
                request.GrantId = grant.Id;
                GrantRequestFlow.Close(request, RequestStatus.Approved, now);
                notifyText = SmsMessages.GrantRequestApproved(seal.Name);
            }
            if (notifyText is not null)
            {
                notifyPhone = await db.Users.Where(u => u.Id == request.ApplicantUserId).Select(u => u.PhoneNumber).FirstOrDefaultAsync(cancellationToken);
            }
            await audit.AppendAsync(db, approve ? AuditActions.GrantRequestApprove : AuditActions.GrantRequestReject, request.Id.ToString(), AuditOutcome.Success,
                $"{step.Kind}: {step.Reason}", cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        // After the commit: the outbox writes on its own connection.
        if (notifyPhone is not null && notifyText is not null)
        {
            await sms.SendAsync(notifyPhone, notifyText, cancellationToken);
        }
        return Result.Ok();
    }
}
