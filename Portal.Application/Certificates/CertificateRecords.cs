using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>Filters of the records pages: a time range (UTC, inclusive start, exclusive end) and a kind.</summary>
public sealed record CertificateRecordFilter(DateTime? FromUtc = null, DateTime? ToUtc = null, CertificateOperationKind? Operation = null,
    CertificateInstallKind? Install = null);

public sealed record CertificateOperationRow(long Id, DateTime OccurredAtUtc, CertificateOperationKind Kind, CertificateSource Source,
    string SerialNumber, string? Detail, string? IpAddress);

public sealed record CertificateInstallRow(long Id, DateTime OccurredAtUtc, CertificateInstallKind Kind, PersonalCertificateType Type,
    string SerialNumber, DateTime NotAfterUtc);

/// <summary>操作记录 and 安装记录 of the signed-in user's certificates, filtered, newest first (at most 2,000 rows).</summary>
public sealed class ListCertificateRecords(IPortalDbContextFactory dbFactory, ICurrentUser currentUser)
{
    public const int Limit = 2000;

    public async Task<Result<IReadOnlyList<CertificateOperationRow>>> OperationsAsync(CertificateRecordFilter filter,
        CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<IReadOnlyList<CertificateOperationRow>>.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        var q = db.CertificateOperations.AsNoTracking();
        if (filter.FromUtc is { } from)
        {
            q = q.Where(o => o.OccurredAtUtc >= from);
        }
        if (filter.ToUtc is { } to)
        {
            q = q.Where(o => o.OccurredAtUtc < to);
        }
        if (filter.Operation is { } kind)
        {
            q = q.Where(o => o.Kind == kind);
        }
        return await q.OrderByDescending(o => o.OccurredAtUtc).ThenByDescending(o => o.Id).Take(Limit)
            .Select(o => new CertificateOperationRow(o.Id, o.OccurredAtUtc, o.Kind, o.Source, o.SerialNumber, o.Detail, o.IpAddress))
            .ToListAsync(cancellationToken);
    }

    public async Task<Result<IReadOnlyList<CertificateInstallRow>>> InstallsAsync(CertificateRecordFilter filter,
        CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<IReadOnlyList<CertificateInstallRow>>.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        var q = db.CertificateInstallRecords.AsNoTracking();
        if (filter.FromUtc is { } from)
        {
            q = q.Where(o => o.OccurredAtUtc >= from);
        }
        if (filter.ToUtc is { } to)
        {
            q = q.Where(o => o.OccurredAtUtc < to);
        }
        if (filter.Install is { } kind)
        {
            q = q.Where(o => o.Kind == kind);
        }
        return await q.OrderByDescending(o => o.OccurredAtUtc).ThenByDescending(o => o.Id).Take(Limit)
            .Select(o => new CertificateInstallRow(o.Id, o.OccurredAtUtc, o.Kind, o.Type, o.SerialNumber, o.NotAfterUtc))
            .ToListAsync(cancellationToken);
    }
}

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
        await audit.RecordAsync(dbFactory, "certificate.records.export", "operations", AuditOutcome.Success, $"{rows.Value!.Count} rows",
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
        await audit.RecordAsync(dbFactory, "certificate.records.export", "installs", AuditOutcome.Success, $"{rows.Value!.Count} rows",
            cancellationToken: cancellationToken);
        return bytes;
    }
}
