using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>退出单位: the caller leaves an organization; the owner must transfer first (seed 001).</summary>
public sealed class LeaveOrganization(WriteUnit unit, DomainEvents events, ISpaceAccessNotifier notifier)
{
    public Task<Result> ExecuteAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.InOrganization(organizationId), async w =>
        {
            var member = w.Me!;
            if (member.Has(OrgRoles.Owner))
            {
                return Result.Fail(Errors.OwnerMustTransfer);
            }
            var legalRep = await w.Db.Organizations.Where(o => o.Id == organizationId).Select(o => o.LegalRepresentativeUserId)
                .FirstAsync(cancellationToken);
            if (legalRep == member.UserId)
            {
                return Result.Fail(Errors.CannotRemoveLegalRepresentative);
            }
            await MemberExit.ExitAsync(w.Db, events, member, left: true, cancellationToken);
            w.Audit(AuditActions.MemberLeave, member.Id.ToString(), member.Name);
            w.AfterCommit(() => notifier.AccessChanged(member.UserId, organizationId));
            return Result.Ok();
        }, cancellationToken);
}
