using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>Exports the records the page shows (same filters, same query) to Excel; headers and kind names are localized by the caller.</summary>
public sealed class ExportCertificateRecords(ListCertificateRecords records, ITableExporter exporter, AuditTrail audit, IPortalDbContextFactory dbFactory)
{
    public static readonly IReadOnlyList<string> OperationColumns = ["OccurredAt", "Kind", "Source", "SerialNumber", "Detail", "IpAddress"];
    public static readonly IReadOnlyList<string> InstallColumns = ["OccurredAt", "Kind", "Type", "SerialNumber", "NotAfter"];

    public async Task<Result<byte[]>> OperationsAsync(CertificateRecordFilter filter, Func<string, string> text, CancellationToken cancellationToken = default)
    {
        var rows = await records.OperationsAsync(filter, cancellationToken);
        if (!rows.Succeeded)
        {
            return rows.Error!;
        }
        var bytes = exporter.Export("Operations", [.. OperationColumns.Select(c => text("Column." + c))], rows.Value!.Select(r => (IReadOnlyList<object?>)
        [
            r.OccurredAtUtc, text("CertificateOperationKind." + r.Kind), text("CertificateSource." + r.Source), r.SerialNumber, r.Detail, r.IpAddress,
        ]));
        await audit.RecordAsync(dbFactory, AuditActions.CertificateRecordsExport, "operations", AuditOutcome.Success, $"{rows.Value!.Count} rows",
            cancellationToken: cancellationToken);
        return bytes;
    }

    public async Task<Result<byte[]>> InstallsAsync(CertificateRecordFilter filter, Func<string, string> text, CancellationToken cancellationToken = default)
    {
        var rows = await records.InstallsAsync(filter, cancellationToken);
        if (!rows.Succeeded)
        {
            return rows.Error!;
        }
        var bytes = exporter.Export("Installs", [.. InstallColumns.Select(c => text("Column." + c))], rows.Value!.Select(r => (IReadOnlyList<object?>)
        [
            r.OccurredAtUtc, text("CertificateInstallKind." + r.Kind), text("PersonalCertificateType." + r.Type), r.SerialNumber, r.NotAfterUtc,
        ]));
        await audit.RecordAsync(dbFactory, AuditActions.CertificateRecordsExport, "installs", AuditOutcome.Success, $"{rows.Value!.Count} rows",
            cancellationToken: cancellationToken);
        return bytes;
    }
}
