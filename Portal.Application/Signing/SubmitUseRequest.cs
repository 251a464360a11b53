using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Signing;

/// <summary>A use request to submit: the document and stamp positions exactly as they will be signed.</summary>
public sealed record SubmitUseRequestCommand(Guid SealId, string DocumentName, byte[] Pdf, IReadOnlyList<StampSpec> Stamps, string? Reason);

/// <summary>
/// 提交用印申请: under a policy with per-use approval the signer submits the prepared document and positions; the request
/// keeps both (the document in the file store) until an approver decides.
/// </summary>
public sealed class SubmitUseRequest(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, SealUsePolicy policy, IDocumentSigner signer,
    IFileStore files, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<Guid>> ExecuteAsync(SubmitUseRequestCommand command, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<Guid>.Fail(Errors.NotSignedIn);
        }
        var pages = signer.Inspect(command.Pdf);
        if (!pages.Succeeded)
        {
            return pages.Error!;
        }
        if (StampSpec.Check(command.Stamps, pages.Value) is { } badPlacement)
        {
            return badPlacement;
        }
        if ((command.Reason?.Trim().Length ?? 0) > 500)
        {
            return Result<Guid>.Fail(Errors.ReasonRequired);
        }
        var hash = DocumentHash.Of(command.Pdf);
        var placements = StampSpec.Canonical(command.Stamps);
        var name = SignWithSeal.SafeName(command.DocumentName);
        var key = await files.SaveAsync(new MemoryStream(command.Pdf), name, cancellationToken);
        var committed = false;
        try
        {
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var decision = await policy.DecideAsync(db, userId, command.SealId, null, now, cancellationToken);
            if (!decision.Allowed)
            {
                return decision.Refusal!;
            }
            if (!decision.NeedsUseApproval)
            {
                return Result<Guid>.Fail(Errors.UseRequestNotApprovable);
            }
            var pending = await db.SealUseRequests.AnyAsync(r => r.SealId == command.SealId && r.ApplicantUserId == userId
                && r.DocumentSha256 == hash && r.Placements == placements && r.Status == RequestStatus.Pending, cancellationToken);
            if (pending)
            {
                return Result<Guid>.Fail(Errors.SealUseApprovalPending, decision.Seal!.Name);
            }
            var request = new SealUseRequest
            {
                Id = Guid.NewGuid(),
                OrganizationId = decision.Seal!.OrganizationId,
                SealId = decision.Seal.Id,
                SealName = decision.Seal.Name,
                ApplicantUserId = userId,
                ApplicantName = decision.Member!.Name,
                DocumentName = name,
                DocumentSha256 = hash,
                DocumentFileKey = key,
                Placements = placements,
                Reason = command.Reason?.Trim() ?? "",
                Status = RequestStatus.Pending,
                CreatedAtUtc = now,
            };
            db.SealUseRequests.Add(request);
            await audit.AppendAsync(db, "seal.use-request.submit", request.Id.ToString(), AuditOutcome.Success,
                $"seal {request.SealId}; document {name} sha256 {hash}; placements {placements}", cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            committed = true;
            return request.Id;
        }
        finally
        {
            if (!committed)
            {
                await files.DeleteAsync(key, CancellationToken.None);
            }
        }
    }
}
