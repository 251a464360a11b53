using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

/// <summary>
/// CA support exports a console view to Excel. The rows come from the same audited queries as the page
/// (never from the client); the export itself is audited too. Headers are localized by the caller.
/// </summary>
public sealed class ExportSupportView(SearchBindings search, ListRefusedBindAttempts attempts, ITableExporter exporter, Access access,
    AuditTrail audit, IPortalDbContextFactory dbFactory)
{
    public static readonly IReadOnlyList<string> BindingColumns =
        ["UserPhone", "UserName", "Organizations", "CommonName", "Subject", "Issuer", "SerialNumber", "NotBefore", "NotAfter", "Status",
            "LastTrust", "BoundAt", "EndedAt", "EndReason"];

    public static readonly IReadOnlyList<string> AttemptColumns =
        ["OccurredAt", "UserPhone", "UserName", "Subject", "Issuer", "SerialNumber", "Reason", "HolderPhone"];

    public async Task<Result<byte[]>> BindingsAsync(BindingSearch query, Func<string, string> header, CancellationToken cancellationToken = default)
    {
        var rows = await search.ExecuteAsync(query, cancellationToken);
        if (!rows.Succeeded)
        {
            return rows.Error!;
        }
        var bytes = exporter.Export(query.View.ToString(), [.. BindingColumns.Select(header)], rows.Value!.Select(r => (IReadOnlyList<object?>)
        [
            r.UserPhone, r.UserName, r.Organizations, r.CommonName, r.Subject, r.Issuer, r.SerialNumber, r.NotBeforeUtc, r.NotAfterUtc,
            r.Status.ToString(), r.LastTrust?.ToString(), r.BoundAtUtc, r.EndedAtUtc, r.EndReason,
        ]));
        await audit.RecordAsync(dbFactory, AuditActions.BindingSupportExport, query.View.ToString(), AuditOutcome.Success, $"{rows.Value!.Count} rows {query.Text}",
            cancellationToken: cancellationToken);
        return bytes;
    }

    public async Task<Result<byte[]>> RefusedAttemptsAsync(string? text, Func<string, string> header, CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.CaSupport);
        if (!allowed.Succeeded)
        {
            return allowed.Error!;
        }
        var rows = await attempts.ExecuteAsync(text, cancellationToken: cancellationToken);
        if (!rows.Succeeded)
        {
            return rows.Error!;
        }
        var bytes = exporter.Export("RefusedAttempts", [.. AttemptColumns.Select(header)], rows.Value!.Select(r => (IReadOnlyList<object?>)
        [
            r.OccurredAtUtc, r.UserPhone, r.UserName, r.Subject, r.Issuer, r.SerialNumber, r.Reason, r.HolderPhone,
        ]));
        await audit.RecordAsync(dbFactory, AuditActions.BindingSupportExport, "RefusedAttempts", AuditOutcome.Success, $"{rows.Value!.Count} rows {text}",
            cancellationToken: cancellationToken);
        return bytes;
    }
}
