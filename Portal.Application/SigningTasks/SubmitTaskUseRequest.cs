using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Signing;

namespace Portal.Application.SigningTasks;

/// <summary>A use request inside a task: the seal, the task document and the placements as they will be signed.</summary>
public sealed record SubmitTaskUseRequestCommand(Guid TaskId, Guid DocumentId, Guid SealId, IReadOnlyList<StampSpec> Stamps, string? Reason);

/// <summary>
/// 提交用印申请 inside a signing task: under a policy with per-use approval the participant whose turn it is asks for this
/// seal on this task document at these placements. The request binds to the task, the document and the placements
/// (<see cref="TaskSigning.ApprovalKey"/>), not to the current version's hash, which changes whenever someone else signs; the
/// approver previews the version current when it was asked. The caller's turn, options (designated seal type, positions)
/// and the placements are checked as a signature would be, under the lock, in the task's space.
/// </summary>
public sealed class SubmitTaskUseRequest(WriteUnit unit, TaskAccess access, SealUsePolicy policy)
{
    public async Task<Result<Guid>> ExecuteAsync(SubmitTaskUseRequestCommand command, CancellationToken cancellationToken = default)
    {
        var reason = command.Reason?.Trim() ?? "";
        if (reason.Length > TaskRules.MaxReasonLength)
        {
            return Result<Guid>.Fail(Errors.ReasonRequired);
        }
        if (command.Stamps is not { Count: > 0 })
        {
            return Result<Guid>.Fail(Errors.PlacementRequired);
        }
        var scope = await access.ScopeOfAsync(command.TaskId, cancellationToken);
        if (!scope.Succeeded)
        {
            return scope.Error!;
        }
        return await unit.RunAsync<Guid>(scope.Value!, async w =>
        {
            var userId = w.UserId!.Value;
            // A task the caller may not see stays not found, whatever the seal's decision would say.
            var visible = await TaskAccess.LoadVisibleAsync(w, command.TaskId, cancellationToken);
            if (!visible.Succeeded)
            {
                return visible.Error!;
            }
            var decision = await policy.DecideAsync(w.Db, userId, command.SealId, null, w.Now, cancellationToken);
            if (!decision.Allowed)
            {
                return decision.Refusal!;
            }
            if (!decision.NeedsUseApproval)
            {
                return Result<Guid>.Fail(Errors.UseRequestNotApprovable);
            }
            var signing = new TaskSigning(command.TaskId, command.DocumentId);
            var reserved = await TaskSigningSteps.ReserveAsync(w, signing, decision.Seal!.Type, personal: false, command.Stamps, cancellationToken);
            if (!reserved.Succeeded)
            {
                return w.Refuse(reserved.Error!, AuditActions.SealUseRequestSubmit, command.TaskId.ToString(), $"{reserved.Error}; seal {decision.Seal.Name}");
            }
            var r = reserved.Value!;
            var pages = await w.Db.TaskDocuments.Where(d => d.Id == r.DocumentId).Select(d => d.Pages).FirstAsync(cancellationToken);
            if (StampSpec.Check(command.Stamps, pages) is { } badPlacement)
            {
                return badPlacement;
            }
            var placements = StampSpec.Canonical(command.Stamps);
            var pending = await w.Db.SealUseRequests.AnyAsync(x => x.SealId == command.SealId && x.ApplicantUserId == userId
                && x.TaskDocumentKey == signing.ApprovalKey && x.Placements == placements && x.Status == RequestStatus.Pending, cancellationToken);
            if (pending)
            {
                return Result<Guid>.Fail(Errors.SealUseApprovalPending, decision.Seal.Name);
            }
            var request = new SealUseRequest
            {
                Id = Guid.NewGuid(),
                OrganizationId = decision.Seal.OrganizationId,
                SealId = decision.Seal.Id,
                SealName = decision.Seal.Name,
                ApplicantUserId = userId,
                ApplicantName = decision.Member!.Name,
                DocumentName = r.DocumentName,
                DocumentSha256 = r.Sha256,
                // The version current now, for the approver's preview; the signature is made on whichever version is current then.
                DocumentFileKey = r.FileKey,
                Placements = placements,
                TaskDocumentKey = signing.ApprovalKey,
                Reason = reason,
                Status = RequestStatus.Pending,
                CreatedAtUtc = w.Now,
            };
            w.Db.SealUseRequests.Add(request);
            w.Audit(AuditActions.SealUseRequestSubmit, request.Id.ToString(),
                $"seal {request.SealId}; task {r.TaskNumber} document {r.DocumentName} v{r.Version}; placements {placements}");
            return request.Id;
        }, cancellationToken);
    }
}
