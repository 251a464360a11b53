using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Grants;

/// <summary>The applicant withdraws a pending request.</summary>
public sealed class WithdrawGrantRequest(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(Guid requestId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.InSpace(), async w =>
        {
            var request = await w.Db.SealGrantRequests.Include(r => r.Steps)
                .FirstOrDefaultAsync(r => r.Id == requestId && r.ApplicantUserId == w.Me!.UserId, cancellationToken);
            if (request is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (request.Status != RequestStatus.Pending)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            GrantRequestFlow.Close(request, RequestStatus.Withdrawn, w.Now);
            w.Audit(AuditActions.GrantRequestWithdraw, request.Id.ToString());
            return Result.Ok();
        }, cancellationToken);
}
