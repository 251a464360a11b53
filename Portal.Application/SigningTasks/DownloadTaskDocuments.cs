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
            foreach (var f in found.Value!.Files)
            {
                await using var source = await files.OpenAsync(f.FileKey, cancellationToken);
                if (source is null)
                {
                    continue;
                }
                var entry = zip.CreateEntry($"{found.Value.Number}/{f.Name}", CompressionLevel.Fastest);
                await using var target = await entry.OpenAsync(cancellationToken);
                await source.CopyToAsync(target, cancellationToken);
                written++;
            }
        }
        return written;
    }

    /// <summary>The zip's download name.</summary>
    public static string ZipName(DateTime utc) => $"tasks-{utc:yyyyMMddHHmmss}.zip";

    private sealed record CurrentFile(Guid DocumentId, string Name, string FileKey);

    private sealed record CurrentFiles(string Number, IReadOnlyList<CurrentFile> Files);

    private async Task<Result<CurrentFiles>> CurrentFilesAsync(Guid taskId, CancellationToken cancellationToken)
    {
        return await access.ReadVisibleAsync<CurrentFiles>(unit, taskId, async (w, task) =>
        {
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
