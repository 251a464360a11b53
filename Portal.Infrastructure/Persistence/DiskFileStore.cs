using Portal.Application.Common;

namespace Portal.Infrastructure.Persistence;

/// <summary>Files on disk under <c>Storage:FilesPath</c> (default App_Data/files); keys are random, never user names.</summary>
internal sealed class DiskFileStore(string root) : IFileStore
{
    private string Root { get; } = Path.GetFullPath(root);

    public async Task<string> SaveAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Root);
        // The extension is kept for download content types; the name itself never reaches the disk.
        var key = Guid.NewGuid().ToString("N") + Path.GetExtension(fileName).ToLowerInvariant();
        await using var file = File.Create(Path.Combine(Root, key));
        await content.CopyToAsync(file, cancellationToken);
        return key;
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken = default)
    {
        if (key.Contains('/') || key.Contains('\\') || key.Contains(".."))
        {
            return Task.FromResult<Stream?>(null);
        }
        var path = Path.Combine(Root, key);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!key.Contains('/') && !key.Contains('\\') && !key.Contains("..") && key.Length > 0)
        {
            File.Delete(Path.Combine(Root, key));
        }
        return Task.CompletedTask;
    }
}
