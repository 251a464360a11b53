using Microsoft.EntityFrameworkCore;
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
