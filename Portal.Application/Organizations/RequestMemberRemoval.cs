using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>
/// A non-owner manager (seal admin, department head) asks to remove another member: the request goes to
/// the owner's to-do list (seed 001). The same exit rules apply as for the owner.
/// </summary>
public sealed class RequestMemberRemoval(WriteUnit unit)
{
    public Task<Result<Guid>> ExecuteAsync(Guid membershipId, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Task.FromResult(Result<Guid>.Fail(Errors.ReasonRequired));
        }
        return unit.RunAsync(Write.InSpace(OrgRoles.SealAdmin | OrgRoles.DepartmentHead), async w =>
        {
            var member = await w.Db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
            if (member is null)
            {
                return Result<Guid>.Fail(Errors.NotFound);
            }
            if (await MemberExit.CheckRemovableAsync(w.Db, w.Me!, member, cancellationToken) is { } refused)
            {
                return refused;
            }
            if (await w.Db.MemberRemovalRequests.AnyAsync(r => r.MembershipId == member.Id && r.Status == RequestStatus.Pending, cancellationToken))
            {
                return Result<Guid>.Fail(Errors.RemovalRequestPending);
            }
            var request = new MemberRemovalRequest
            {
                Id = Guid.NewGuid(),
                OrganizationId = member.OrganizationId,
                MembershipId = member.Id,
                MemberName = member.Name,
                RequestedByUserId = w.Me!.UserId,
                RequestedByName = w.Me.Name,
                Reason = reason.Trim(),
                CreatedAtUtc = w.Now,
            };
            w.Db.MemberRemovalRequests.Add(request);
            w.Audit(AuditActions.MemberRemoveRequest, member.Id.ToString(), member.Name);
            return Result<Guid>.Ok(request.Id);
        }, cancellationToken);
    }
}
