using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Signing;

/// <summary>Exports the ledger rows the caller may see (same query and rules as the page) to Excel; audited.</summary>
public sealed class ExportSealUsages(IPortalDbContextFactory dbFactory, WriteUnit unit, ITableExporter exporter, AuditTrail audit)
{
    public static readonly IReadOnlyList<string> Columns =
        ["SignedAt", "Seal", "User", "Department", "Document", "DocumentSha256", "Pages", "StampCount", "IpAddress", "Decision"];

    /// <summary><paramref name="header"/> localizes a column key; <paramref name="localTime"/> turns UTC into the displayed time.</summary>
    public Task<Result<byte[]>> ExecuteAsync(SealUsageFilter filter, Func<string, string> header, Func<DateTime, DateTime> localTime,
        CancellationToken cancellationToken = default) =>
        unit.ReadAsync<byte[]>(Write.InSpace(), async read =>
        {
            var rows = await ListSealUsages.QueryAsync(read.Db, read.Me!, filter, cancellationToken);
            var bytes = exporter.Export("SealUsage", [.. Columns.Select(header)], rows.Select(r => (IReadOnlyList<object?>)
            [
                localTime(r.SignedAtUtc), r.SealName, r.UserName, r.DepartmentName, r.DocumentName, r.DocumentSha256, r.Pages, r.StampCount,
                r.IpAddress, r.Decision,
            ]));
            await audit.RecordAsync(dbFactory, AuditActions.SealUsageExport, "ledger", AuditOutcome.Success, $"{rows.Count} rows",
                read.Me!.OrganizationId, cancellationToken);
            return bytes;
        }, cancellationToken);
}
