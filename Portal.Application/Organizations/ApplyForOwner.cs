using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>
/// 申请管理员: a member asks the platform to make them owner when the owner cannot be reached (only then — a
/// reachable owner transfers), with an explanation and the legal representative's proof.
/// </summary>
public sealed class ApplyForOwner(IPortalDbContextFactory dbFactory, Access access, IFileStore files, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<Guid>> ExecuteAsync(string? reason, UploadedFile? proof, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Result<Guid>.Fail(Errors.ReasonRequired);
        }
        if (proof is null)
        {
            return Result<Guid>.Fail(Errors.ProofRequired);
        }
        if (Uploads.Check(proof.FileName, proof.Content.LongLength) is { } badFile)
        {
            return badFile;
        }
        await using (var probe = await dbFactory.CreateAsync(cancellationToken))
        {
            var check = await CheckAsync(probe, cancellationToken);
            if (!check.Succeeded)
            {
                return check.Error!;
            }
        }
        var key = await files.SaveAsync(new MemoryStream(proof.Content), proof.FileName, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await CheckAsync(db, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var row = new PlatformReviewRequest
        {
            Id = Guid.NewGuid(),
            OrganizationId = me.Value!.OrganizationId,
            Kind = PlatformReviewKind.OwnerClaim,
            RequestedByUserId = me.Value.UserId,
            Reason = reason.Trim(),
            ProofFile = key,
            Status = RequestStatus.Pending,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.PlatformReviewRequests.Add(row);
        await audit.AppendAsync(db, "organization.owner-claim.request", row.Id.ToString(), AuditOutcome.Success,
            organizationId: row.OrganizationId, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row.Id;
    }

    private async Task<Result<Membership>> CheckAsync(IPortalDbContext db, CancellationToken cancellationToken)
    {
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me;
        }
        if (me.Value!.Roles.HasFlag(OrgRoles.Owner))
        {
            return Result<Membership>.Fail(Errors.AlreadyOwner);
        }
        if (await db.PlatformReviewRequests.AnyAsync(r => r.Kind == PlatformReviewKind.OwnerClaim && r.Status == RequestStatus.Pending
                && r.RequestedByUserId == me.Value.UserId, cancellationToken))
        {
            return Result<Membership>.Fail(Errors.ReviewPending);
        }
        return me;
    }
}
