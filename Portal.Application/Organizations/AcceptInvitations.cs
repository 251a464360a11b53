using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>
/// A newly registered user joins every organization that invited their number (called by registration).
/// The lookup is by the user's own number across organizations, each named explicitly in what it writes.
/// </summary>
public sealed class AcceptInvitations(IPortalDbContextFactory dbFactory, AuditTrail audit, TimeProvider clock)
{
    public async Task<int> ExecuteAsync(Guid userId, string phone, CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var invitations = await db.MemberInvitations.IgnoreQueryFilters()
            .Where(i => i.Phone == phone && i.Status == RequestStatus.Pending).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var joined = 0;
        foreach (var invitation in invitations)
        {
            invitation.Status = RequestStatus.Approved;
            invitation.DecidedAtUtc = now;
            invitation.ConcurrencyStamp = Guid.NewGuid();
            var orgId = invitation.OrganizationId;
            var certified = await db.Organizations.AnyAsync(o => o.Id == orgId && o.Status == OrganizationStatus.Certified, cancellationToken);
            if (!certified || await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.OrganizationId == orgId && m.UserId == userId, cancellationToken))
            {
                continue;
            }
            // A department deleted since the invitation leaves the member at the top level.
            var deptId = invitation.DepartmentId is { } d
                && await db.Departments.IgnoreQueryFilters().AnyAsync(x => x.Id == d && x.OrganizationId == orgId, cancellationToken)
                ? invitation.DepartmentId : null;
            var membership = new Membership
            {
                Id = Guid.NewGuid(),
                OrganizationId = orgId,
                UserId = userId,
                Name = invitation.Name,
                DepartmentId = deptId,
                Roles = invitation.Roles & ~OrgRoles.Owner,
                JoinedAtUtc = now,
            };
            db.Memberships.Add(membership);
            await audit.AppendAsync(db, "member.invite.accept", membership.Id.ToString(), AuditOutcome.Success, organizationId: orgId,
                cancellationToken: cancellationToken);
            joined++;
        }
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return joined;
    }
}
