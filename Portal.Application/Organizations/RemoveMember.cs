using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>
/// Removes a member (owner). Nobody removes themself, the owner or the legal representative (seed 001).
/// The member's open sessions in this space end at once.
/// </summary>
public sealed class RemoveMember(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, ISpaceAccessNotifier notifier,
    DomainEvents events)
{
    public async Task<Result> ExecuteAsync(Guid membershipId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (member is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        if (member.UserId == me.Value!.UserId)
        {
            return Result.Fail(Errors.CannotRemoveSelf);
        }
        if (member.Has(OrgRoles.Owner))
        {
            return Result.Fail(Errors.CannotRemoveOwner);
        }
        var legalRep = await db.Organizations.Where(o => o.Id == member.OrganizationId).Select(o => o.LegalRepresentativeUserId)
            .FirstAsync(cancellationToken);
        if (legalRep == member.UserId)
        {
            return Result.Fail(Errors.CannotRemoveLegalRepresentative);
        }
        db.Memberships.Remove(member);
        var user = await db.Users.FirstAsync(u => u.Id == member.UserId, cancellationToken);
        if (user.CurrentOrganizationId == member.OrganizationId)
        {
            user.CurrentOrganizationId = null;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
        // The seals issue revokes the member's grants in this same unit of work.
        await events.PublishAsync(db, new MemberRemoved(member.OrganizationId, member.Id, member.UserId), cancellationToken);
        await audit.AppendAsync(db, "member.remove", member.Id.ToString(), AuditOutcome.Success, member.Name,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        notifier.AccessChanged(member.UserId, member.OrganizationId);
        return Result.Ok();
    }
}
