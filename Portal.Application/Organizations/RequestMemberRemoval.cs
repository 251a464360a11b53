using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>
/// A non-owner manager (seal admin, department head) asks to remove another member: the request goes to
/// the owner's to-do list (seed 001). The same exit rules apply as for the owner.
/// </summary>
public sealed class RequestMemberRemoval(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<Guid>> ExecuteAsync(Guid membershipId, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Result<Guid>.Fail(Errors.ReasonRequired);
        }
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.SealAdmin | OrgRoles.DepartmentHead, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (member is null)
        {
            return Result<Guid>.Fail(Errors.NotFound);
        }
        if (await MemberExit.CheckRemovableAsync(db, me.Value!, member, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (await db.MemberRemovalRequests.AnyAsync(r => r.MembershipId == member.Id && r.Status == RequestStatus.Pending, cancellationToken))
        {
            return Result<Guid>.Fail(Errors.RemovalRequestPending);
        }
        var request = new MemberRemovalRequest
        {
            Id = Guid.NewGuid(),
            OrganizationId = member.OrganizationId,
            MembershipId = member.Id,
            MemberName = member.Name,
            RequestedByUserId = me.Value!.UserId,
            RequestedByName = me.Value.Name,
            Reason = reason.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.MemberRemovalRequests.Add(request);
        await audit.AppendAsync(db, "member.remove.request", member.Id.ToString(), AuditOutcome.Success, member.Name,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return request.Id;
    }
}
