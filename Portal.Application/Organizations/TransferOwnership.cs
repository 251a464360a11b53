using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>转让管理员: the owner hands the owner role to another member (exactly one owner remains).</summary>
public sealed class TransferOwnership(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, ISpaceAccessNotifier notifier)
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
        var target = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (target is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        if (target.Id == me.Value!.Id)
        {
            return Result.Fail(Errors.TransferTargetInvalid);
        }
        OwnerRole.Move(me.Value, target);
        await audit.AppendAsync(db, "organization.owner.transfer", target.Id.ToString(), AuditOutcome.Success, target.Name,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        notifier.AccessChanged(me.Value.UserId, me.Value.OrganizationId);
        notifier.AccessChanged(target.UserId, target.OrganizationId);
        return Result.Ok();
    }
}
