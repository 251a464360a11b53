using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.JoinRequests;

/// <summary>撤销: the applicant withdraws their pending join request.</summary>
public sealed class WithdrawJoinRequest(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(Guid requestId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsUser(), async w =>
        {
            var request = await w.Db.JoinRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.ApplicantUserId == w.UserId, cancellationToken);
            if (request is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (request.Status != RequestStatus.Pending)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            request.Status = RequestStatus.Withdrawn;
            request.DecidedAtUtc = w.Now;
            w.Audit(AuditActions.JoinWithdraw, request.Id.ToString(), organizationId: request.OrganizationId);
            return Result.Ok();
        }, cancellationToken);
}
