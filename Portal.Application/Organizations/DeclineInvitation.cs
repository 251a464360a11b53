using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>拒绝邀请: the invitation is closed; the organization sees it no more.</summary>
public sealed class DeclineInvitation(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(Guid invitationId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsUser(), async w =>
        {
            var found = await MyInvitations.FindPendingAsync(w.Db, w.UserId!.Value, invitationId, cancellationToken);
            if (!found.Succeeded)
            {
                return found.Error!;
            }
            found.Value!.Status = RequestStatus.Rejected;
            found.Value.DecidedAtUtc = w.Now;
            w.Audit(AuditActions.MemberInviteDecline, invitationId.ToString(), organizationId: found.Value.OrganizationId);
            return Result.Ok();
        }, cancellationToken);
}
