using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Grants;

/// <summary>The applicant withdraws a pending request.</summary>
public sealed class WithdrawGrantRequest(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Member, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var request = await db.SealGrantRequests.Include(r => r.Steps)
            .FirstOrDefaultAsync(r => r.Id == requestId && r.ApplicantUserId == me.Value!.UserId, cancellationToken);
        if (request is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        if (request.Status != RequestStatus.Pending)
        {
            return Result.Fail(Errors.RequestNotPending);
        }
        GrantRequestFlow.Close(request, RequestStatus.Withdrawn, clock.GetUtcNow().UtcDateTime);
        await audit.AppendAsync(db, "grant.request.withdraw", request.Id.ToString(), AuditOutcome.Success, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
