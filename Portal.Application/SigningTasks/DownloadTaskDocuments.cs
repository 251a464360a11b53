using System.IO.Compression;
using Portal.Application.Common;
using Portal.Application.Signing;

namespace Portal.Application.SigningTasks;

public sealed record TaskFile(string FileName, byte[] Content);

/// <summary>
/// 下载: one document's current version, or several tasks' current documents as one zip (one folder per task number) — each
/// task only if the caller may see it; a task they may not see is left out, never named.
/// </summary>
public sealed class DownloadTaskDocuments(WriteUnit unit, TaskAccess access, IFileStore files)
{
    public const int MaxTasksPerZip = 100;

    public async Task<Result<TaskFile>> DocumentAsync(Guid taskId, Guid documentId, CancellationToken cancellationToken = default)
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
        return bytes is null ? Result<TaskFile>.Fail(Errors.NotFound) : new TaskFile(doc.Name, bytes);
    }

    public async Task<Result<TaskFile>> ZipAsync(IReadOnlyList<Guid> taskIds, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var taskId in taskIds.Distinct().Take(MaxTasksPerZip))
            {
                var found = await CurrentFilesAsync(taskId, cancellationToken);
                if (!found.Succeeded)
                {
                    continue;
                }
                foreach (var f in found.Value!.Files)
                {
                    if (await ReadAsync(f.FileKey, cancellationToken) is not { } bytes)
                    {
                        continue;
                    }
                    var entry = zip.CreateEntry($"{found.Value.Number}/{f.Name}", CompressionLevel.Fastest);
                    await using var s = entry.Open();
                    await s.WriteAsync(bytes, cancellationToken);
                }
            }
        }
        return new TaskFile($"tasks-{DateTime.UtcNow:yyyyMMddHHmmss}.zip", buffer.ToArray());
    }

    private sealed record CurrentFile(Guid DocumentId, string Name, string FileKey);

    private sealed record CurrentFiles(string Number, IReadOnlyList<CurrentFile> Files);

    private async Task<Result<CurrentFiles>> CurrentFilesAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeOfAsync(taskId, cancellationToken);
        if (!scope.Succeeded)
        {
            return scope.Error!;
        }
        return await unit.ReadAsync(scope.Value!, async w =>
        {
            var task = await TaskAccess.LoadAsync(w.Db, taskId, cancellationToken);
            if (task is null || !TaskAccess.IsVisible(task, w.UserId!.Value, w.Me))
            {
                return Result<CurrentFiles>.Fail(Errors.NotFound);
            }
            var signed = task.Status == Domain.SigningTaskStatus.Completed;
            return new CurrentFiles(task.Number, task.Documents.OrderBy(d => d.Position)
                .Select(d => new CurrentFile(d.Id, signed ? SignWithSeal.SignedName(d.Name) : d.Name, d.CurrentFileKey)).ToList());
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
