using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record InvitationRow(Guid Id, string PhoneMasked, string Name, string? Department, OrgRoles Roles, DateTime CreatedAtUtc);

/// <summary>The current organization's pending invitations, shown in the member list (owner).</summary>
public sealed class ListInvitations(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<InvitationRow>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var rows = await db.MemberInvitations.AsNoTracking().Where(i => i.Status == RequestStatus.Pending)
            .OrderBy(i => i.CreatedAtUtc)
            .Select(i => new { i, Dept = db.Departments.Where(d => d.Id == i.DepartmentId).Select(d => d.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(x => new InvitationRow(x.i.Id, PhoneNumber.Mask(x.i.Phone), x.i.Name, x.Dept, x.i.Roles, x.i.CreatedAtUtc)).ToList();
    }
}

/// <summary>The owner withdraws a pending invitation.</summary>
public sealed class CancelInvitation(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid invitationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var invitation = await db.MemberInvitations.FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        if (invitation.Status != RequestStatus.Pending)
        {
            return Result.Fail(Errors.RequestNotPending);
        }
        invitation.Status = RequestStatus.Withdrawn;
        invitation.DecidedAtUtc = clock.GetUtcNow().UtcDateTime;
        invitation.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, "member.invite.cancel", invitation.Id.ToString(), AuditOutcome.Success, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}

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
