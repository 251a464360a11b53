using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

public sealed record SealRow(Guid Id, SealType Type, string Name, Guid? DepartmentId, string? DepartmentName, SealStatus Status,
    SealFaceSource FaceSource, DateTime CreatedAtUtc, DateTime? VoidedAtUtc, string? VoidReason, string? ReviewNote, int LiveGrants,
    string CertificateSerial, DateTime CertificateNotAfterUtc, DateTime? CertificateRevokedAtUtc);

public sealed record SealFilter(SealType? Type = null, Guid? DepartmentId = null, SealStatus? Status = null);

/// <summary>印章管理: the organization's seals, filtered by type, department and status.</summary>
public sealed class ListSeals(WriteUnit unit, TimeProvider clock)
{
    public Task<Result<IReadOnlyList<SealRow>>> ExecuteAsync(SealFilter? filter = null, CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<SealRow>>(Write.InSpace(), async read =>
        {
            var f = filter ?? new SealFilter();
            var db = read.Db;
            var now = clock.GetUtcNow().UtcDateTime;
            var q = db.Seals.AsNoTracking().Where(s => s.Type != SealType.Name);
            if (f.Type is { } t)
            {
                q = q.Where(s => s.Type == t);
            }
            if (f.DepartmentId is { } d)
            {
                q = q.Where(s => s.DepartmentId == d);
            }
            if (f.Status is { } st)
            {
                q = q.Where(s => s.Status == st);
            }
            return await q.OrderBy(s => s.Status).ThenBy(s => s.Type).ThenBy(s => s.CreatedAtUtc)
                .Select(s => new SealRow(s.Id, s.Type, s.Name, s.DepartmentId,
                    db.Departments.Where(x => x.Id == s.DepartmentId).Select(x => x.Name).FirstOrDefault(), s.Status, s.FaceSource, s.CreatedAtUtc,
                    s.VoidedAtUtc, s.VoidReason, s.ReviewNote,
                    db.SealGrants.Count(g => g.SealId == s.Id && g.Status == GrantStatus.Active && (g.EndUtc == null || g.EndUtc >= now)),
                    s.CertificateSerial, s.CertificateNotAfterUtc, s.CertificateRevokedAtUtc))
                .ToListAsync(cancellationToken);
        }, cancellationToken);
}
