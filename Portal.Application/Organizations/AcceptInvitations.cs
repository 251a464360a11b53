using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>
/// A newly registered user joins every organization that invited their number (called by registration).
/// The lookup is by the user's own number across organizations, each named explicitly in what it writes.
/// </summary>
public sealed class AcceptInvitations(WriteUnit unit)
{
    public async Task<int> ExecuteAsync(Guid userId, string phone, CancellationToken cancellationToken = default)
    {
        // Registration calls this before anyone is signed in: the user is named, not checked.
        var joined = await unit.RunAsync(Write.Unchecked(scopeUserId: userId), async w =>
        {
            var invitations = await w.Db.MemberInvitations.IgnoreQueryFilters()
                .Where(i => i.Phone == phone && i.Status == RequestStatus.Pending).ToListAsync(cancellationToken);
            var joined = 0;
            foreach (var invitation in invitations)
            {
                invitation.Status = RequestStatus.Approved;
                invitation.DecidedAtUtc = w.Now;
                var orgId = invitation.OrganizationId;
                var certified = await w.Db.Organizations.AnyAsync(o => o.Id == orgId && o.Status == OrganizationStatus.Certified, cancellationToken);
                if (!certified || await w.Db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.OrganizationId == orgId && m.UserId == userId,
                        cancellationToken))
                {
                    continue;
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
                w.Audit(AuditActions.MemberInviteAccept, membership.Id.ToString(), organizationId: orgId);
                joined++;
            }
            return Result<int>.Ok(joined);
        }, cancellationToken);
        return joined.Value;
    }
}
