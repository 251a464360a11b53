using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Signing;

namespace Portal.Application.SigningTasks;

/// <summary>A signature inside a signing task: which task and which of its documents (the current version is signed).</summary>
public sealed record TaskSigning(Guid TaskId, Guid DocumentId)
{
    /// <summary>What a per-use approval binds to inside a task (not the version's hash, which changes with every signature).</summary>
    public string ApprovalKey => $"task:{TaskId}/document:{DocumentId}";

    /// <summary>The task an approval key names (a task-bound use request is signed on the task's page), or null.</summary>
    public static Guid? TaskIdOf(string? approvalKey) =>
        approvalKey is { Length: > 5 } key && key.StartsWith("task:", StringComparison.Ordinal) && key.IndexOf('/') is var slash and > 5
            && Guid.TryParse(key.AsSpan(5, slash - 5), out var id) ? id : null;
}

/// <summary>The version a signer reserved under the lock: it is signed outside it and committed only if still current.</summary>
public sealed record TaskReservation(Guid TaskId, string TaskNumber, Guid? OrganizationId, Guid DocumentId, string DocumentName, int Version,
    string FileKey, string Sha256, Guid ParticipantId, string ParticipantName);

/// <summary>
/// The task's part of <see cref="SignWithSeal"/> (docs/adr/0020-signing-tasks.md): under the first lock, the caller's turn
/// and options are checked and the document's current version reserved; under the second, the turn is checked again and the
/// signed bytes become the next version only if the reserved one is still current — otherwise
/// <see cref="Errors.TaskVersionChanged"/> sends the signer round again on the newer version.
/// </summary>
public static class TaskSigningSteps
{
    public static async Task<Result<TaskReservation>> ReserveAsync(WriteContext w, TaskSigning signing, SealType? sealType, bool personal,
        IReadOnlyList<StampSpec> stamps, CancellationToken cancellationToken)
    {
        var loaded = await TaskAccess.LoadVisibleAsync(w, signing.TaskId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }
        var task = loaded.Value!;
        var turn = TaskRules.ActiveParticipant(task, w.UserId!.Value, w.Now);
        if (!turn.Succeeded)
        {
            return turn.Error!;
        }
        var document = task.Documents.FirstOrDefault(d => d.Id == signing.DocumentId);
        if (document is null)
        {
            return new PortalError(Errors.NotFound);
        }
        if (TaskRules.CheckSignature(turn.Value!, document.Id, sealType, personal, stamps) is { } misfit)
        {
            return misfit;
        }
        return new TaskReservation(task.Id, task.Number, task.OrganizationId, document.Id, document.Name, document.CurrentVersion,
            document.CurrentFileKey, document.CurrentSha256, turn.Value!.Id, turn.Value!.Name);
    }

    /// <summary>Records the signed bytes as the next version, or refuses: the turn ended meanwhile, or the version is no longer current.</summary>
    public static async Task<Result> CommitAsync(WriteContext w, TaskReservation reserved, string fileKey, string sha256, Guid? usageId,
        string detail, string? ipAddress, CancellationToken cancellationToken)
    {
        var task = await TaskAccess.LoadAsync(w.Db, reserved.TaskId, cancellationToken);
        if (task is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        var turn = TaskRules.ActiveParticipant(task, w.UserId!.Value, w.Now);
        if (!turn.Succeeded || turn.Value!.Id != reserved.ParticipantId)
        {
            return turn.Error ?? new PortalError(Errors.Concurrency);
        }
        var document = task.Documents.Single(d => d.Id == reserved.DocumentId);
        if (document.CurrentVersion != reserved.Version)
        {
            return Result.Fail(Errors.TaskVersionChanged);
        }
        document.CurrentVersion++;
        document.CurrentFileKey = fileKey;
        document.CurrentSha256 = sha256;
        w.Db.TaskDocumentVersions.Add(new TaskDocumentVersion
        {
            Id = Guid.NewGuid(),
            DocumentId = document.Id,
            TaskId = task.Id,
            OrganizationId = task.OrganizationId,
            Number = document.CurrentVersion,
            FileKey = fileKey,
            Sha256 = sha256,
            CreatedAtUtc = w.Now,
            ParticipantId = reserved.ParticipantId,
            SignerName = reserved.ParticipantName,
            SealUsageId = usageId,
        });
        var me = turn.Value!;
        me.Signatures++;
        me.LastSignedAtUtc = w.Now;
        w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, w.UserId, me.Name, ipAddress, TaskEventActions.Signed,
            $"{document.Name} v{document.CurrentVersion}; {detail}"));
        return Result.Ok();
    }
}
