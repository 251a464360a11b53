using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;
using Portal.Application.Signing;

namespace Portal.Application.SigningTasks;

/// <summary>A designated position of the signer on one document: a point (page, x, y) or a keyword to stamp near.</summary>
public sealed record SigningPositionView(Guid DocumentId, int? Page, double? X, double? Y, string? Keyword)
{
    /// <summary>The placement that meets this position (what <see cref="TaskRules.CheckSignature"/> accepts without free placement).</summary>
    public StampSpec Stamp => Keyword is { } keyword ? StampSpec.AtKeyword(keyword) : new StampSpec(StampKind.Single, Page ?? 0, X ?? 0, Y ?? 0);
}

/// <summary>A task-bound use request of the signer (用印审批 inside the task): its document, seal, placements and state.</summary>
public sealed record TaskApprovalView(Guid RequestId, Guid DocumentId, Guid SealId, string SealName, IReadOnlyList<StampSpec> Stamps,
    RequestStatus Status);

/// <summary>The signer's part: options set by the initiator, their positions, the seals they may use and their approvals.</summary>
public sealed record SignerTurnView(Guid ParticipantId, string Name, ParticipantSignAs SignAs, SealType? DesignatedSealType, bool AllowFreePlacement,
    bool AllowRefusal, int Round, int Signatures, IReadOnlyList<SigningPositionView> Positions, IReadOnlyList<UsableSeal> Seals,
    IReadOnlyList<TaskApprovalView> Approvals);

/// <summary>
/// The sign page: the task as the caller may see it and, when it is their turn, what they may sign with. <see cref="Refusal"/>
/// says why they cannot sign now (not their turn, finished, completed, voided, past the deadline, not a participant).
/// </summary>
public sealed record TaskSigningView(Guid Id, string Number, string Name, string InitiatorName, SigningTaskStatus Status, TaskVoidKind? VoidKind,
    string? VoidReason, DateOnly DeadlineDate, IReadOnlyList<TaskDocumentView> Documents, SignerTurnView? Turn, PortalError? Refusal);

/// <summary>
/// 签署页: what a participant whose turn it is signs — the current version of each document, their options and positions,
/// the seals of the task's organization the engine allows them (of the designated type only) and their task-bound approvals.
/// A task the caller may not see is not found (a later signer in sequential order before their turn, anyone else).
/// </summary>
public sealed class GetTaskSigning(WriteUnit unit, TaskAccess access, SealUsePolicy policy)
{
    public async Task<Result<TaskSigningView>> ExecuteAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        return await access.ReadVisibleAsync<TaskSigningView>(unit, taskId, async (w, task) =>
        {
            var me = w.UserId!.Value;
            var documents = task.Documents.OrderBy(d => d.Position).Select(d => new TaskDocumentView(d.Id, d.Name, d.Pages, d.CurrentVersion)).ToList();
            var turn = TaskRules.ActiveParticipant(task, me, w.Now);
            SignerTurnView? view = null;
            if (turn.Succeeded)
            {
                var p = turn.Value!;
                var seals = p.SignAs == ParticipantSignAs.OrganizationSeal && task.OrganizationId is not null
                    ? await SealsAsync(w, p.DesignatedSealType, cancellationToken) : [];
                var prefix = $"task:{task.Id}/document:";
                var approvals = (await w.Db.SealUseRequests.AsNoTracking()
                        .Where(r => r.ApplicantUserId == me && r.UsedAtUtc == null && r.TaskDocumentKey != null && r.TaskDocumentKey.StartsWith(prefix)
                            && (r.Status == RequestStatus.Pending || r.Status == RequestStatus.Approved))
                        .OrderByDescending(r => r.CreatedAtUtc).ToListAsync(cancellationToken))
                    .Select(r => new TaskApprovalView(r.Id, Guid.Parse(r.TaskDocumentKey![prefix.Length..]), r.SealId, r.SealName,
                        StampSpec.ParseCanonical(r.Placements), r.Status)).ToList();
                view = new SignerTurnView(p.Id, p.Name, p.SignAs, p.DesignatedSealType, p.AllowFreePlacement, p.AllowRefusal, p.Round, p.Signatures,
                    p.Positions.Select(x => new SigningPositionView(x.DocumentId, x.Page, x.X, x.Y, x.Keyword)).ToList(), seals, approvals);
            }
            return new TaskSigningView(task.Id, task.Number, task.Name, task.InitiatorName, task.Status, task.VoidKind, task.VoidReason,
                task.DeadlineDate, documents, view, turn.Error);
        }, cancellationToken);
    }

    /// <summary>The organization's seals of the designated type (or any organization type), each with the engine's decision.</summary>
    private async Task<IReadOnlyList<UsableSeal>> SealsAsync(WriteContext w, SealType? designated, CancellationToken cancellationToken)
    {
        var types = designated is { } t ? [t] : SealPolicies.OrganizationTypes;
        var seals = await w.Db.Seals.AsNoTracking()
            .Where(s => types.Contains(s.Type) && (s.Status == SealStatus.Active || s.Status == SealStatus.Voided))
            .OrderBy(s => s.Status).ThenBy(s => s.Type).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        var result = new List<UsableSeal>();
        foreach (var seal in seals)
        {
            result.Add(ListUsableSeals.Describe(seal, await policy.DecideAsync(w.Db, w.UserId!.Value, seal.Id, null, w.Now, cancellationToken)));
        }
        return result;
    }
}
