using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>退出单位: the caller leaves an organization; the owner must transfer first (seed 001).</summary>
public sealed class LeaveOrganization(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, Access access, AuditTrail audit,
    DomainEvents events, ISpaceAccessNotifier notifier)
{
    public async Task<Result> ExecuteAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateForScope(organizationId, currentUser.UserId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var member = me.Value!;
        if (member.Has(OrgRoles.Owner))
        {
            return Result.Fail(Errors.OwnerMustTransfer);
        }
        var legalRep = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.LegalRepresentativeUserId).FirstAsync(cancellationToken);
        if (legalRep == member.UserId)
        {
            return Result.Fail(Errors.CannotRemoveLegalRepresentative);
        }
        await MemberExit.ExitAsync(db, events, member, left: true, cancellationToken);
        await audit.AppendAsync(db, "member.leave", member.Id.ToString(), AuditOutcome.Success, member.Name, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        notifier.AccessChanged(member.UserId, organizationId);
        return Result.Ok();
    }
}
