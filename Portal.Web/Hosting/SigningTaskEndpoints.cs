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
        // sequential order before their turn, or anyone else in any tenant, gets 404 — never 403, so nothing leaks).
        endpoints.MapGet("/signing/tasks/{taskId:guid}/documents/{documentId:guid}", async (Guid taskId, Guid documentId, HttpContext context,
            [FromServices] DownloadTaskDocuments download, CancellationToken ct) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var file = await download.DocumentAsync(taskId, documentId, ct);
            return file.Succeeded ? Results.File(file.Value!.Content, MediaTypeNames.Application.Pdf, file.Value.FileName) : Results.NotFound();
        }).RequireAuthorization(Permissions.SigningUse);
        return endpoints;
    }
}
