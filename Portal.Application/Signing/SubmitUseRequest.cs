using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Signing;

/// <summary>A use request to submit: the document and stamp positions exactly as they will be signed.</summary>
public sealed record SubmitUseRequestCommand(Guid SealId, string DocumentName, byte[] Pdf, IReadOnlyList<StampSpec> Stamps, string? Reason);

/// <summary>
/// 提交用印申请: under a policy with per-use approval the signer submits the prepared document and positions; the request
/// keeps both (the document in the file store) until an approver decides.
/// </summary>
public sealed class SubmitUseRequest(WriteUnit unit, SealUsePolicy policy, IDocumentSigner signer, IFileStore files)
{
    private sealed record Prepared(string Hash, string Placements, string Name, string Key);

    public Task<Result<Guid>> ExecuteAsync(SubmitUseRequestCommand command, CancellationToken cancellationToken = default) =>
        // The policy decides membership with its own refusals, under the lock.
        unit.RunAsync(Write.InSpaceDecidedByWork(),
            async () =>
            {
                // The untrusted PDF is inspected, hashed and stored before the lock.
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
                    return Result<Prepared>.Fail(Errors.ReasonRequired);
                }
                var name = SignWithSeal.SafeName(command.DocumentName);
                var key = await files.SaveAsync(new MemoryStream(command.Pdf), name, cancellationToken);
                return new Prepared(DocumentHash.Of(command.Pdf), StampSpec.Canonical(command.Stamps), name, key);
            },
            async (w, p) =>
            {
                w.IfNotCommitted(() => files.DeleteAsync(p.Key, CancellationToken.None));
                var userId = w.UserId!.Value;
                var decision = await policy.DecideAsync(w.Db, userId, command.SealId, null, w.Now, cancellationToken);
                if (!decision.Allowed)
                {
                    return decision.Refusal!;
                }
                if (!decision.NeedsUseApproval)
                {
                    return Result<Guid>.Fail(Errors.UseRequestNotApprovable);
                }
                var pending = await w.Db.SealUseRequests.AnyAsync(r => r.SealId == command.SealId && r.ApplicantUserId == userId
                    && r.DocumentSha256 == p.Hash && r.Placements == p.Placements && r.Status == RequestStatus.Pending, cancellationToken);
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
                    DocumentName = p.Name,
                    DocumentSha256 = p.Hash,
                    DocumentFileKey = p.Key,
                    Placements = p.Placements,
                    Reason = command.Reason?.Trim() ?? "",
                    Status = RequestStatus.Pending,
                    CreatedAtUtc = w.Now,
                };
                w.Db.SealUseRequests.Add(request);
                w.Audit(AuditActions.SealUseRequestSubmit, request.Id.ToString(),
                    $"seal {request.SealId}; document {p.Name} sha256 {p.Hash}; placements {p.Placements}");
                return Result<Guid>.Ok(request.Id);
            }, cancellationToken);
}
