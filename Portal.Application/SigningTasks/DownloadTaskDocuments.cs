using System.IO.Compression;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Signing;

namespace Portal.Application.SigningTasks;

public sealed record TaskFile(string FileName, byte[] Content);

/// <summary>
/// 下载: one document's current version, or several tasks' current documents as one zip (one folder per task number) — each
/// task only if the caller may see it; a task they may not see is left out, never named. A download (not a page's preview)
/// leaves a <see cref="TaskEventActions.Downloaded"/> event in each task's trail: time, actor, IP and outcome — Success once
/// the bytes were read (single) or the task's files were written into the archive (zip), Failed when a stored file was missing
/// or the zip broke off (the client went away) while that task was being written. A task the caller may not see records
/// nothing: it answers "not found" and its trail is not theirs to write to (an outsider guessing ids adds no lines). The
/// bytes are read and copied with no lock held; each event is a small write unit of its own, after that task's bytes.
/// </summary>
public sealed class DownloadTaskDocuments(WriteUnit unit, TaskAccess access, IFileStore files, ICurrentUser currentUser)
{
    public const int MaxTasksPerZip = 100;

    /// <summary>One document's current version for a page's preview (nothing recorded).</summary>
    public async Task<Result<TaskFile>> DocumentAsync(Guid taskId, Guid documentId, CancellationToken cancellationToken = default) =>
        await ReadDocumentAsync(taskId, documentId, record: false, cancellationToken);

    /// <summary>One document's current version, downloaded: recorded in the task's trail.</summary>
    public async Task<Result<TaskFile>> DownloadAsync(Guid taskId, Guid documentId, CancellationToken cancellationToken = default) =>
        await ReadDocumentAsync(taskId, documentId, record: true, cancellationToken);

    /// <summary>
    /// Writes the current documents of the tasks among <paramref name="taskIds"/> that the caller may see into
    /// <paramref name="output"/> as one zip, and returns how many files it holds. Each file is copied stream to stream, so
    /// memory stays flat however large the archive (a hundred tasks of 50 MB documents would not fit in memory).
    /// </summary>
    public async Task<int> ZipAsync(IReadOnlyList<Guid> taskIds, Stream output, CancellationToken cancellationToken = default)
    {
        var written = 0;
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        foreach (var taskId in taskIds.Distinct().Take(MaxTasksPerZip))
        {
            var found = await CurrentFilesAsync(taskId, cancellationToken);
            if (!found.Succeeded)
            {
                continue;
            }
            var task = found.Value!;
            var missing = new List<string>();
            try
            {
                foreach (var f in task.Files)
                {
                    await using var source = await files.OpenAsync(f.FileKey, cancellationToken);
                    if (source is null)
                    {
                        missing.Add(f.Name);
                        continue;
                    }
                    var entry = zip.CreateEntry($"{task.Number}/{f.Name}", CompressionLevel.Fastest);
                    await using var target = await entry.OpenAsync(cancellationToken);
                    await source.CopyToAsync(target, cancellationToken);
                    written++;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The client went away mid-task: that task's download failed (recorded even though the request is cancelled).
                await RecordAsync(task, AuditOutcome.Failed, ZipDetail(task, missing) + " · " + e.GetType().Name, CancellationToken.None);
                throw;
            }
            await RecordAsync(task, missing.Count == 0 ? AuditOutcome.Success : AuditOutcome.Failed, ZipDetail(task, missing), cancellationToken);
        }
        return written;
    }

    /// <summary>The zip's download name.</summary>
    public static string ZipName(DateTime utc) => $"tasks-{utc:yyyyMMddHHmmss}.zip";

    /// <summary>The trail detail of a zip: "zip: a.pdf、b.pdf", and the files the store no longer had.</summary>
    private static string ZipDetail(CurrentFiles task, IReadOnlyList<string> missing) =>
        "zip: " + string.Join("、", task.Files.Select(f => f.Name)) + (missing.Count == 0 ? "" : " · missing: " + string.Join("、", missing));

    private sealed record CurrentFile(Guid DocumentId, string Name, string FileKey);

    /// <summary>A visible task's current files, with who the caller is in it (the trail's actor).</summary>
    private sealed record CurrentFiles(Guid TaskId, Guid? OrganizationId, string Number, string Actor, IReadOnlyList<CurrentFile> Files);

    private async Task<Result<TaskFile>> ReadDocumentAsync(Guid taskId, Guid documentId, bool record, CancellationToken cancellationToken)
    {
        var found = await CurrentFilesAsync(taskId, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }
        var doc = found.Value!.Files.FirstOrDefault(f => f.DocumentId == documentId);
        if (doc is null)
        {
            return Result<TaskFile>.Fail(Errors.NotFound);
        }
        var bytes = await ReadAsync(doc.FileKey, cancellationToken);
        if (record)
        {
            await RecordAsync(found.Value, bytes is null ? AuditOutcome.Failed : AuditOutcome.Success, doc.Name, cancellationToken);
        }
        return bytes is null ? Result<TaskFile>.Fail(Errors.NotFound) : new TaskFile(doc.Name, bytes);
    }

    private async Task<Result<CurrentFiles>> CurrentFilesAsync(Guid taskId, CancellationToken cancellationToken)
    {
        return await access.ReadVisibleAsync<CurrentFiles>(unit, taskId, async (w, task) =>
        {
            var signed = task.Status == SigningTaskStatus.Completed;
            return new CurrentFiles(task.Id, task.OrganizationId, task.Number, await ActorAsync(w, task), task.Documents.OrderBy(d => d.Position)
                .Select(d => new CurrentFile(d.Id, signed ? SignWithSeal.SignedName(d.Name) : d.Name, d.CurrentFileKey)).ToList());
        }, cancellationToken);
    }

    /// <summary>The caller's name as the task knows them: initiator, participant, CC recipient, else their membership or account.</summary>
    private static async Task<string> ActorAsync(WriteContext w, SigningTask task)
    {
        var me = w.UserId;
        if (task.InitiatorUserId == me)
        {
            return task.InitiatorName;
        }
        if (task.Participants.FirstOrDefault(p => p.UserId == me) is { } participant)
        {
            return participant.Name;
        }
        if (task.CcRecipients.FirstOrDefault(c => c.UserId == me) is { } cc)
        {
            return cc.Name;
        }
        if (w.Me is { Name.Length: > 0 } membership)
        {
            return membership.Name;
        }
        var user = await w.Db.Users.FindAsync(me);
        return user?.DisplayName ?? "";
    }

    /// <summary>One trail event for a download, in the task's own scope (a small unit of its own: no bytes move under the lock).</summary>
    private async Task RecordAsync(CurrentFiles task, AuditOutcome outcome, string detail, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeOfAsync(task.TaskId, cancellationToken);
        if (!scope.Succeeded)
        {
            return; // gone between the read and now (the caller's membership removed): nothing to record it in
        }
        await unit.RunAsync(scope.Value!, w =>
        {
            w.Db.TaskEvents.Add(new TaskEvent
            {
                TaskId = task.TaskId,
                OrganizationId = task.OrganizationId,
                AtUtc = w.Now,
                ActorUserId = w.UserId,
                ActorName = task.Actor,
                IpAddress = currentUser.IpAddress,
                Action = TaskEventActions.Downloaded,
                Outcome = outcome,
                Detail = detail.Length > 1000 ? detail[..1000] : detail,
            });
            return Task.FromResult(Result.Ok());
        }, cancellationToken);
    }

    private async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await using var stream = await files.OpenAsync(key, cancellationToken);
        if (stream is null)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
