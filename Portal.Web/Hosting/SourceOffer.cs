namespace Portal.Web.Hosting;

/// <summary>
/// Where users get this deployment's source (AGPL-3.0 §13): an archive the host packs at start
/// (<c>Portal:SourceArchive</c>, served at <see cref="ArchivePath"/>) and/or a public repository (<c>Portal:SourceUrl</c>).
/// </summary>
internal sealed class SourceOffer(IConfiguration configuration, IWebHostEnvironment environment)
{
    public const string ArchivePath = "/source/portal-source.tar.gz";

    /// <summary>The archive's full path when it exists.</summary>
    public string? ArchiveFile =>
        configuration["Portal:SourceArchive"] is { Length: > 0 } configured
        && Path.GetFullPath(configured, environment.ContentRootPath) is var full && File.Exists(full)
            ? full : null;

    public string? RepositoryUrl => configuration["Portal:SourceUrl"] is { Length: > 0 } url ? url : null;
}
