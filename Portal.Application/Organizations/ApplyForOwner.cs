using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>
/// 申请管理员: a member asks the platform to make them owner when the owner cannot be reached (only then — a
/// reachable owner transfers), with an explanation and the legal representative's proof.
/// </summary>
public sealed class ApplyForOwner(WriteUnit unit, IFileStore files)
{
    public Task<Result<Guid>> ExecuteAsync(string? reason, UploadedFile? proof, CancellationToken cancellationToken = default)
    {
        return unit.RunAsync(Write.InSpace(),
            async () =>
            {
                // The input is judged after the caller (an anonymous caller learns nothing from a validation message).
                if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
                {
                    return Result<string>.Fail(Errors.ReasonRequired);
                }
                if (proof is null)
                {
                    return Result<string>.Fail(Errors.ProofRequired);
                }
                if (Uploads.Check(proof.FileName, proof.Content.LongLength) is { } badFile)
                {
                    return badFile;
                }
                // Refuse before storing the proof; the same checks run again under the lock.
                var allowed = await unit.ReadAsync(Write.InSpace(), r => CheckAsync(r.Db, r.Me!, cancellationToken), cancellationToken);
                if (!allowed.Succeeded)
                {
                    return allowed.Error!;
                }
                return Result<string>.Ok(await files.SaveAsync(new MemoryStream(proof.Content), proof.FileName, cancellationToken));
            },
            async (w, key) =>
            {
                w.IfNotCommitted(() => files.DeleteAsync(key));
                var check = await CheckAsync(w.Db, w.Me!, cancellationToken);
                if (!check.Succeeded)
                {
                    return check.Error!;
                }
                var row = new PlatformReviewRequest
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = w.Me!.OrganizationId,
                    Kind = PlatformReviewKind.OwnerClaim,
                    RequestedByUserId = w.Me.UserId,
                    Reason = reason!.Trim(),
                    ProofFile = key,
                    Status = RequestStatus.Pending,
                    CreatedAtUtc = w.Now,
                };
                w.Db.PlatformReviewRequests.Add(row);
                w.Audit(AuditActions.OrganizationOwnerClaimRequest, row.Id.ToString(), organizationId: row.OrganizationId);
                return Result<Guid>.Ok(row.Id);
            }, cancellationToken);
    }

    private static async Task<Result<bool>> CheckAsync(IPortalDbContext db, Membership me, CancellationToken cancellationToken)
    {
        if (me.Roles.HasFlag(OrgRoles.Owner))
        {
            return Result<bool>.Fail(Errors.AlreadyOwner);
        }
        if (await db.PlatformReviewRequests.AnyAsync(r => r.Kind == PlatformReviewKind.OwnerClaim && r.Status == RequestStatus.Pending
                && r.RequestedByUserId == me.UserId, cancellationToken))
        {
            return Result<bool>.Fail(Errors.ReviewPending);
        }
        return true;
    }
}
