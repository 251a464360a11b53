using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>The seed-001 exit rules and the exit itself, shared by removal, removal requests and leaving.</summary>
public static class MemberExit
{
    /// <summary>Nobody removes themself, the owner or the legal representative.</summary>
    public static async Task<PortalError?> CheckRemovableAsync(IPortalDbContext db, Membership actor, Membership member,
        CancellationToken cancellationToken)
    {
        if (member.UserId == actor.UserId)
        {
            return new PortalError(Errors.CannotRemoveSelf);
        }
        if (member.Has(OrgRoles.Owner))
        {
            return new PortalError(Errors.CannotRemoveOwner);
        }
        var legalRep = await db.Organizations.Where(o => o.Id == member.OrganizationId).Select(o => o.LegalRepresentativeUserId)
            .FirstAsync(cancellationToken);
        return legalRep == member.UserId ? new PortalError(Errors.CannotRemoveLegalRepresentative) : null;
    }

    /// <summary>Deletes the membership, moves the user back to the personal space and raises the event; the caller notifies after commit.</summary>
    public static async Task ExitAsync(IPortalDbContext db, DomainEvents events, Membership member, bool left, CancellationToken cancellationToken)
    {
        if (left)
        {
            await events.PublishAsync(db, new MemberLeft(member.OrganizationId, member.Id, member.UserId), cancellationToken);
        }
        else
        {
            await events.PublishAsync(db, new MemberRemoved(member.OrganizationId, member.Id, member.UserId), cancellationToken);
        }
        foreach (var r in await db.MemberRemovalRequests.Where(r => r.MembershipId == member.Id && r.Status == RequestStatus.Pending)
                     .ToListAsync(cancellationToken))
        {
            r.Status = RequestStatus.Withdrawn;
        }
        db.Memberships.Remove(member);
        var user = await db.Users.FirstAsync(u => u.Id == member.UserId, cancellationToken);
        if (user.CurrentOrganizationId == member.OrganizationId)
        {
            user.CurrentOrganizationId = null;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
    }
}
