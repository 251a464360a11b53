using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.JoinRequests;

/// <summary>The owner approves (the applicant becomes a member) or rejects a join request; the applicant is told by SMS.</summary>
public sealed class DecideJoinRequest(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, SmsNotifier sms, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid requestId, bool approve, string? reason, Guid? departmentId = null,
        CancellationToken cancellationToken = default)
    {
        string phone, orgName;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
            if (!me.Succeeded)
            {
                return me.Error!;
            }
            // Both sides of the filter match the owner's own requests too; only this organization's are decided here.
            var request = await db.JoinRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.OrganizationId == db.ScopeOrganizationId,
                cancellationToken);
            if (request is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (request.Status != RequestStatus.Pending)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            if (departmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d, cancellationToken))
            {
                return Result.Fail(Errors.NotFound);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            if (approve && !await db.Memberships.AnyAsync(m => m.UserId == request.ApplicantUserId, cancellationToken))
            {
                db.Memberships.Add(new Membership
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = request.OrganizationId,
                    UserId = request.ApplicantUserId,
                    Name = request.ApplicantName,
                    DepartmentId = departmentId,
                    Roles = OrgRoles.Member,
                    JoinedAtUtc = now,
                });
            }
            request.Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
            request.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            request.DecidedByUserId = me.Value!.UserId;
            request.DecidedAtUtc = now;
            request.ConcurrencyStamp = Guid.NewGuid();
            phone = (await db.Users.Where(u => u.Id == request.ApplicantUserId).Select(u => u.UserName).FirstAsync(cancellationToken))!;
            orgName = await db.Organizations.Where(o => o.Id == request.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
            await audit.AppendAsync(db, approve ? AuditActions.JoinApprove : AuditActions.JoinReject, request.Id.ToString(), AuditOutcome.Success, reason,
                cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        // The outbox writes through its own context, after the write lock is released.
        var text = approve
            ? SmsMessages.JoinRequestApproved(orgName)
            : SmsMessages.JoinRequestDeclined(orgName, reason ?? "");
        await sms.SendAsync(phone, text, cancellationToken);
        return Result.Ok();
    }
}
