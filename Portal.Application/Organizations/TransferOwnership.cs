using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>转让管理员: the owner hands the owner role to another member (exactly one owner remains).</summary>
public sealed class TransferOwnership(WriteUnit unit, ISpaceAccessNotifier notifier)
{
    public Task<Result> ExecuteAsync(Guid membershipId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var me = w.Me!;
            var target = await w.Db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
            if (target is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (target.Id == me.Id)
            {
                return Result.Fail(Errors.TransferTargetInvalid);
            }
            OwnerRole.Move(me, target);
            w.Audit(AuditActions.OrganizationOwnerTransfer, target.Id.ToString(), target.Name);
            w.AfterCommit(() =>
            {
                notifier.AccessChanged(me.UserId, me.OrganizationId);
                notifier.AccessChanged(target.UserId, target.OrganizationId);
            });
            return Result.Ok();
        }, cancellationToken);
}
