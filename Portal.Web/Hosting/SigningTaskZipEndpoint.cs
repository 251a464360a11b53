using Microsoft.AspNetCore.Mvc;
using Portal.Application.SigningTasks;

namespace Portal.Web.Hosting;

/// <summary>
/// 批量下载: <c>GET /signing/tasks/zip?ids=…&amp;ids=…</c> — the current documents of several tasks as one zip, through
/// <see cref="DownloadTaskDocuments"/>: each task only if the signed-in user may see it (a task they may not see is left out,
/// never named). A GET that changes nothing, so no antiforgery token; at most <see cref="DownloadTaskDocuments.MaxTasksPerZip"/> ids.
/// </summary>
internal static class SigningTaskZipEndpoint
{
    public const string Path = "/signing/tasks/zip";

    public static IEndpointRouteBuilder MapSigningTaskZip(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async ([FromQuery] Guid[]? ids, [FromServices] DownloadTaskDocuments download, HttpContext context,
            CancellationToken ct) =>
        {
            if (ids is not { Length: > 0 } || ids.Length > DownloadTaskDocuments.MaxTasksPerZip)
            {
                return Results.BadRequest();
            }
            var zip = await download.ZipAsync(ids, ct);
            if (!zip.Succeeded)
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(zip.Value!.Content, "application/zip", zip.Value.FileName);
        }).RequireAuthorization(Portal.Application.Common.Permissions.SigningUse);
        return endpoints;
    }

    /// <summary>The link for <paramref name="taskIds"/> (relative to the base href).</summary>
    public static string Link(IEnumerable<Guid> taskIds) => Path.TrimStart('/') + "?" + string.Join("&", taskIds.Select(id => "ids=" + id));
}
