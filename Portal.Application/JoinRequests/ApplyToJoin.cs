using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.JoinRequests;

/// <summary>申请加入 / 重新加入: a user asks a certified organization to take them in, with a reason.</summary>
public sealed class ApplyToJoin(WriteUnit unit)
{
    public Task<Result<Guid>> ExecuteAsync(Guid organizationId, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Task.FromResult(Result<Guid>.Fail(Errors.ReasonRequired));
        }
        // Scoped to the user only: the applicant sees their own requests, never the organization's other data.
        return unit.RunAsync(Write.AsUser(), async w =>
        {
            var userId = w.UserId!.Value;
            if (!await w.Db.Organizations.AnyAsync(o => o.Id == organizationId && o.Status == OrganizationStatus.Certified, cancellationToken))
            {
                return Result<Guid>.Fail(Errors.OrganizationSearchFailed);
            }
            if (await w.Db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken))
            {
                return Result<Guid>.Fail(Errors.AlreadyMember);
            }
            if (await w.Db.JoinRequests.AnyAsync(r => r.OrganizationId == organizationId && r.Status == RequestStatus.Pending, cancellationToken))
            {
                return Result<Guid>.Fail(Errors.JoinRequestPending);
            }
            var user = await w.Db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
            var request = new JoinRequest
            {
                Id = Guid.NewGuid(),
                OrganizationId = organizationId,
                ApplicantUserId = userId,
                ApplicantName = user.RealName ?? user.DisplayName,
                Reason = reason.Trim(),
                CreatedAtUtc = w.Now,
            };
            w.Db.JoinRequests.Add(request);
            w.Audit(AuditActions.JoinApply, request.Id.ToString(), organizationId: organizationId);
            return Result<Guid>.Ok(request.Id);
        }, cancellationToken);
    }
}
