using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>The owner withdraws a pending invitation.</summary>
public sealed class CancelInvitation(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(Guid invitationId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var invitation = await w.Db.MemberInvitations.FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
            if (invitation is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (invitation.Status != RequestStatus.Pending)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            invitation.Status = RequestStatus.Withdrawn;
            invitation.DecidedAtUtc = w.Now;
            w.Audit(AuditActions.MemberInviteCancel, invitation.Id.ToString());
            return Result.Ok();
        }, cancellationToken);
}
