using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>
/// Removes a member (owner). Nobody removes themself, the owner or the legal representative (seed 001).
/// The member's open sessions in this space end at once.
/// </summary>
public sealed class RemoveMember(WriteUnit unit, ISpaceAccessNotifier notifier, DomainEvents events)
{
    public Task<Result> ExecuteAsync(Guid membershipId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var member = await w.Db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
            if (member is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (member.UserId == w.Me!.UserId)
            {
                return Result.Fail(Errors.CannotRemoveSelf);
            }
            if (member.Has(OrgRoles.Owner))
            {
                return Result.Fail(Errors.CannotRemoveOwner);
            }
            var legalRep = await w.Db.Organizations.Where(o => o.Id == member.OrganizationId).Select(o => o.LegalRepresentativeUserId)
                .FirstAsync(cancellationToken);
            if (legalRep == member.UserId)
            {
                return Result.Fail(Errors.CannotRemoveLegalRepresentative);
            }
            w.Db.Memberships.Remove(member);
            var user = await w.Db.Users.FirstAsync(u => u.Id == member.UserId, cancellationToken);
            if (user.CurrentOrganizationId == member.OrganizationId)
            {
                user.CurrentOrganizationId = null;
                // Identity's own (string) stamp, which SaveChanges does not bump.
                user.ConcurrencyStamp = Guid.NewGuid().ToString();
            }
            // The seals issue revokes the member's grants in this same unit of work.
            await events.PublishAsync(w.Db, new MemberRemoved(member.OrganizationId, member.Id, member.UserId), cancellationToken);
            w.Audit(AuditActions.MemberRemove, member.Id.ToString(), member.Name);
            w.AfterCommit(() => notifier.AccessChanged(member.UserId, member.OrganizationId));
            return Result.Ok();
        }, cancellationToken);
}
