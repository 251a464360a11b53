using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Signing;

/// <summary>Exports the ledger rows the caller may see (same query and rules as the page) to Excel; audited.</summary>
public sealed class ExportSealUsages(IPortalDbContextFactory dbFactory, Access access, ITableExporter exporter, AuditTrail audit)
{
    public static readonly IReadOnlyList<string> Columns =
        ["SignedAt", "Seal", "User", "Department", "Document", "DocumentSha256", "Pages", "StampCount", "IpAddress", "Decision"];

    /// <summary><paramref name="header"/> localizes a column key; <paramref name="localTime"/> turns UTC into the displayed time.</summary>
    public async Task<Result<byte[]>> ExecuteAsync(SealUsageFilter filter, Func<string, string> header, Func<DateTime, DateTime> localTime,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var rows = await ListSealUsages.QueryAsync(db, me.Value!, filter, cancellationToken);
        var bytes = exporter.Export("SealUsage", [.. Columns.Select(header)], rows.Select(r => (IReadOnlyList<object?>)
        [
            localTime(r.SignedAtUtc), r.SealName, r.UserName, r.DepartmentName, r.DocumentName, r.DocumentSha256, r.Pages, r.StampCount,
            r.IpAddress, r.Decision,
        ]));
        await audit.RecordAsync(dbFactory, AuditActions.SealUsageExport, "ledger", AuditOutcome.Success, $"{rows.Count} rows",
            me.Value!.OrganizationId, cancellationToken);
        return bytes;
    }
}
