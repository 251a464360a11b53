using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.JoinRequests;

/// <summary>撤销: the applicant withdraws their pending join request.</summary>
public sealed class WithdrawJoinRequest(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var request = await db.JoinRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.ApplicantUserId == userId, cancellationToken);
        if (request is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        if (request.Status != RequestStatus.Pending)
        {
            return Result.Fail(Errors.RequestNotPending);
        }
        request.Status = RequestStatus.Withdrawn;
        request.DecidedAtUtc = clock.GetUtcNow().UtcDateTime;
        request.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, "join.withdraw", request.Id.ToString(), AuditOutcome.Success, organizationId: request.OrganizationId,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
