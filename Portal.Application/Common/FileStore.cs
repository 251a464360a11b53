namespace Portal.Application.Common;

/// <summary>Where uploads (authorization letters, licences, proofs, ID photos) live; the key is what entities store.</summary>
public interface IFileStore
{
    Task<string> SaveAsync(Stream content, string fileName, CancellationToken cancellationToken = default);

    /// <summary>The stored content, or null when the key is unknown.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes a file (a signed PDF whose unit of work failed is discarded, never kept); unknown keys are ignored.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>Upload limits shared by every upload field.</summary>
public static class Uploads
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public static readonly IReadOnlySet<string> ImageOrPdf = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".pdf",
    };

    public static PortalError? Check(string fileName, long length) =>
        length <= 0 || length > MaxBytes ? new PortalError(Errors.FileTooLarge, MaxBytes / 1024 / 1024)
        : !ImageOrPdf.Contains(Path.GetExtension(fileName)) ? new PortalError(Errors.FileTypeNotAllowed)
        : null;
}

/// <summary>A file handed to a command (the page reads the browser upload into memory first).</summary>
public sealed record UploadedFile(string FileName, byte[] Content);
