using System.Net.Mime;
using Microsoft.AspNetCore.Mvc;
using Portal.Application.Common;
using Portal.Application.SigningTasks;

namespace Portal.Web.Hosting;

internal static class SigningTaskEndpoints
{
    public static IEndpointRouteBuilder MapSigningTaskEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // One task document's current version, for whoever may see the task (DownloadTaskDocuments decides: a later signer in
        // sequential order before their turn, or anyone else in any tenant, gets 404 — never 403, so nothing leaks). A served
        // download is recorded in the task's trail; a refused one records nothing.
        endpoints.MapGet("/signing/tasks/{taskId:guid}/documents/{documentId:guid}", async (Guid taskId, Guid documentId, HttpContext context,
            [FromServices] DownloadTaskDocuments download, CancellationToken ct) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var file = await download.DownloadAsync(taskId, documentId, ct);
            return file.Succeeded ? Results.File(file.Value!.Content, MediaTypeNames.Application.Pdf, file.Value.FileName) : Results.NotFound();
        }).RequireAuthorization(Permissions.SigningUse);

        // Several tasks as one zip, streamed to the response: tasks the user may not see are left out, never named.
        endpoints.MapGet(ZipPath, ([FromQuery] Guid[]? ids, [FromServices] DownloadTaskDocuments download, HttpContext context) =>
        {
            if (ids is not { Length: > 0 } || ids.Length > DownloadTaskDocuments.MaxTasksPerZip)
            {
                return Results.BadRequest();
            }
            context.Response.Headers.CacheControl = "no-store";
            return Results.Stream(body => download.ZipAsync(ids, body, context.RequestAborted), "application/zip",
                DownloadTaskDocuments.ZipName(DateTime.UtcNow));
        }).RequireAuthorization(Permissions.SigningUse);
        return endpoints;
    }

    private const string ZipPath = "/signing/tasks/zip";

    /// <summary>The zip link for <paramref name="taskIds"/> (relative to the base href).</summary>
    public static string ZipLink(IEnumerable<Guid> taskIds) => ZipPath.TrimStart('/') + "?" + string.Join("&", taskIds.Select(id => "ids=" + id));
}
