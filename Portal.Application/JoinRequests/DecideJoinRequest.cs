using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.JoinRequests;

/// <summary>The owner approves (the applicant becomes a member) or rejects a join request; the applicant is told by SMS.</summary>
public sealed class DecideJoinRequest(WriteUnit unit, SmsNotifier sms)
{
    public Task<Result> ExecuteAsync(Guid requestId, bool approve, string? reason, Guid? departmentId = null,
        CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            // Both sides of the filter match the owner's own requests too; only this organization's are decided here.
            var request = await w.Db.JoinRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.OrganizationId == w.Db.ScopeOrganizationId,
                cancellationToken);
            if (request is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (request.Status != RequestStatus.Pending)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            if (departmentId is { } d && !await w.Db.Departments.AnyAsync(x => x.Id == d, cancellationToken))
            {
                return Result.Fail(Errors.NotFound);
            }
            if (approve && !await w.Db.Memberships.AnyAsync(m => m.UserId == request.ApplicantUserId, cancellationToken))
            {
                w.Db.Memberships.Add(new Membership
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = request.OrganizationId,
                    UserId = request.ApplicantUserId,
                    Name = request.ApplicantName,
                    DepartmentId = departmentId,
                    Roles = OrgRoles.Member,
                    JoinedAtUtc = w.Now,
                });
            }
            request.Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
            request.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            request.DecidedByUserId = w.Me!.UserId;
            request.DecidedAtUtc = w.Now;
            var phone = (await w.Db.Users.Where(u => u.Id == request.ApplicantUserId).Select(u => u.UserName).FirstAsync(cancellationToken))!;
            var orgName = await w.Db.Organizations.Where(o => o.Id == request.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
            w.Audit(approve ? AuditActions.JoinApprove : AuditActions.JoinReject, request.Id.ToString(), reason);
            // The outbox writes through its own context, after the write lock is released.
            var text = approve
                ? SmsMessages.JoinRequestApproved(orgName)
                : SmsMessages.JoinRequestDeclined(orgName, reason ?? "");
            w.AfterCommit(() => sms.SendAsync(phone, text, cancellationToken));
            return Result.Ok();
        }, cancellationToken);
}
