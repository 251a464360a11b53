using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>The owner approves (the member is removed) or rejects a member-removal request, with an optional reason.</summary>
public sealed class DecideMemberRemoval(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, DomainEvents events,
    ISpaceAccessNotifier notifier, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid requestId, bool approve, string? reason, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var request = await db.MemberRemovalRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        if (request.Status != RequestStatus.Pending)
        {
            return Result.Fail(Errors.RequestNotPending);
        }
        Membership? member = null;
        if (approve)
        {
            member = await db.Memberships.FirstOrDefaultAsync(m => m.Id == request.MembershipId, cancellationToken);
            if (member is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            // Rules are checked again: the member may have become owner or legal representative meanwhile.
            if (await MemberExit.CheckRemovableAsync(db, me.Value!, member, cancellationToken) is { } refused)
            {
                return refused;
            }
            await MemberExit.ExitAsync(db, events, member, left: false, cancellationToken);
        }
        request.Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
        request.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        request.DecidedAtUtc = clock.GetUtcNow().UtcDateTime;
        request.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, approve ? "member.remove.approve" : "member.remove.reject", request.MembershipId.ToString(),
            AuditOutcome.Success, reason, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (member is not null)
        {
            notifier.AccessChanged(member.UserId, member.OrganizationId);
        }
        return Result.Ok();
    }
}
