using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>接受邀请: the invitee joins with the invitation's name, department and roles.</summary>
public sealed class AcceptInvitation(WriteUnit unit, ISpaceAccessNotifier notifier)
{
    public Task<Result> ExecuteAsync(Guid invitationId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsUser(), async w =>
        {
            var userId = w.UserId!.Value;
            var found = await MyInvitations.FindPendingAsync(w.Db, userId, invitationId, cancellationToken);
            if (!found.Succeeded)
            {
                return found.Error!;
            }
            var invitation = found.Value!;
            var orgId = invitation.OrganizationId;
            if (!await w.Db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Id == orgId && o.Status == OrganizationStatus.Certified, cancellationToken))
            {
                return Result.Fail(Errors.NotFound);
            }
            invitation.Status = RequestStatus.Approved;
            invitation.DecidedAtUtc = w.Now;
            if (await w.Db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.OrganizationId == orgId && m.UserId == userId, cancellationToken))
            {
                // Joined meanwhile (a join request): the invitation is settled, nothing else changes.
                w.Audit(AuditActions.MemberInviteAccept, invitation.Id.ToString(), "already a member", organizationId: orgId);
                return Result.Ok();
            }
            // A department deleted since the invitation leaves the member at the top level.
            var deptId = invitation.DepartmentId is { } d
                && await w.Db.Departments.IgnoreQueryFilters().AnyAsync(x => x.Id == d && x.OrganizationId == orgId, cancellationToken)
                ? invitation.DepartmentId : null;
            var membership = new Membership
            {
                Id = Guid.NewGuid(),
                OrganizationId = orgId,
                UserId = userId,
                Name = invitation.Name,
                DepartmentId = deptId,
                Roles = invitation.Roles & ~OrgRoles.Owner,
                JoinedAtUtc = w.Now,
            };
            w.Db.Memberships.Add(membership);
            w.Audit(AuditActions.MemberInviteAccept, membership.Id.ToString(), invitation.Id.ToString(), organizationId: orgId);
            w.AfterCommit(() => notifier.AccessChanged(userId, orgId));
            return Result.Ok();
        }, cancellationToken);
}
