using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.JoinRequests;

/// <summary>申请加入 / 重新加入: a user asks a certified organization to take them in, with a reason.</summary>
public sealed class ApplyToJoin(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<Guid>> ExecuteAsync(Guid organizationId, string reason, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<Guid>.Fail(Errors.NotSignedIn);
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Result<Guid>.Fail(Errors.ReasonRequired);
        }
        // Scoped to the user only: the applicant sees their own requests, never the organization's other data.
        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId && o.Status == OrganizationStatus.Certified, cancellationToken))
        {
            return Result<Guid>.Fail(Errors.OrganizationSearchFailed);
        }
        if (await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken))
        {
            return Result<Guid>.Fail(Errors.AlreadyMember);
        }
        if (await db.JoinRequests.AnyAsync(r => r.OrganizationId == organizationId && r.Status == RequestStatus.Pending, cancellationToken))
        {
            return Result<Guid>.Fail(Errors.JoinRequestPending);
        }
        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        var request = new JoinRequest
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            ApplicantUserId = userId,
            ApplicantName = user.RealName ?? user.DisplayName,
            Reason = reason.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.JoinRequests.Add(request);
        await audit.AppendAsync(db, "join.apply", request.Id.ToString(), AuditOutcome.Success, organizationId: organizationId,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return request.Id;
    }
}
