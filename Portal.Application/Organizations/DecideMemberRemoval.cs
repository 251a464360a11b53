using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>The owner approves (the member is removed) or rejects a member-removal request, with an optional reason.</summary>
public sealed class DecideMemberRemoval(WriteUnit unit, DomainEvents events, ISpaceAccessNotifier notifier)
{
    public Task<Result> ExecuteAsync(Guid requestId, bool approve, string? reason, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var request = await w.Db.MemberRemovalRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
            if (request is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (request.Status != RequestStatus.Pending)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            if (approve)
            {
                var member = await w.Db.Memberships.FirstOrDefaultAsync(m => m.Id == request.MembershipId, cancellationToken);
                if (member is null)
                {
                    return Result.Fail(Errors.NotFound);
                }
                // Rules are checked again: the member may have become owner or legal representative meanwhile.
                if (await MemberExit.CheckRemovableAsync(w.Db, w.Me!, member, cancellationToken) is { } refused)
                {
                    return refused;
                }
                await MemberExit.ExitAsync(w.Db, events, member, left: false, cancellationToken);
                w.AfterCommit(() => notifier.AccessChanged(member.UserId, member.OrganizationId));
            }
            request.Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
            request.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            request.DecidedAtUtc = w.Now;
            w.Audit(approve ? AuditActions.MemberRemoveApprove : AuditActions.MemberRemoveReject, request.MembershipId.ToString(), reason);
            return Result.Ok();
        }, cancellationToken);
}
