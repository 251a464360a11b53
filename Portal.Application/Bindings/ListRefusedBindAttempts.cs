using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

/// <summary>A refused bind as CA support sees it: who tried, and (for conflicts) which account holds the certificate.</summary>
public sealed record RefusedAttemptRow(long Id, DateTime OccurredAtUtc, string UserPhone, string UserName, string Subject, string Issuer,
    string SerialNumber, string Fingerprint, string Reason, Guid? ConflictingBindingId, string? HolderPhone);

/// <summary>CA support: refused bind attempts (e.g. a certificate someone tried to bind while bound elsewhere). Audited.</summary>
public sealed class ListRefusedBindAttempts(WriteUnit unit)
{
    public async Task<Result<IReadOnlyList<RefusedAttemptRow>>> ExecuteAsync(string? text, bool conflictsOnly = false,
        CancellationToken cancellationToken = default)
    {
        var support = Write.AsPlatform(PlatformRoles.CaSupport);
        var audited = await unit.RunAsync(support, w =>
        {
            w.Audit(AuditActions.BindingSupportView, "RefusedAttempts", text);
            return Task.FromResult(Result.Ok());
        }, cancellationToken);
        return audited.Succeeded
            ? await unit.ReadAsync(support, r => QueryAsync(r.Db, text, conflictsOnly, cancellationToken), cancellationToken)
            : audited.Error!;
    }

    private static async Task<Result<IReadOnlyList<RefusedAttemptRow>>> QueryAsync(IPortalDbContext db, string? text, bool conflictsOnly,
        CancellationToken cancellationToken)
    {
        var q = db.CertificateBindAttempts.AsNoTracking();
        if (conflictsOnly)
        {
            q = q.Where(a => a.Reason == Errors.CertificateAlreadyBound);
        }
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            var serial = t.Replace(":", "").Replace(" ", "").ToUpperInvariant();
            var phone = PhoneNumber.Normalize(t);
            var upper = t.ToUpperInvariant();
            var orgIds = db.Organizations.Where(o => o.Uscc == upper || o.Name.Contains(t)).Select(o => o.Id);
            var memberIds = db.Memberships.IgnoreQueryFilters().Where(m => orgIds.Contains(m.OrganizationId)).Select(m => m.UserId);
            var phoneIds = db.Users.Where(u => u.UserName == phone).Select(u => u.Id);
            q = q.Where(a => a.SerialNumber == serial || a.Fingerprint == serial || a.Subject.Contains(t) || a.Issuer.Contains(t)
                || memberIds.Contains(a.UserId) || phoneIds.Contains(a.UserId));
        }
        var rows = await q.OrderByDescending(a => a.Id).Take(SearchBindings.MaxRows)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { a, u.UserName, u.DisplayName })
            .ToListAsync(cancellationToken);
        var conflictIds = rows.Where(r => r.a.ConflictingBindingId != null).Select(r => r.a.ConflictingBindingId!.Value).Distinct().ToList();
        var holders = await db.CertificateBindings.IgnoreQueryFilters().Where(b => conflictIds.Contains(b.Id))
            .Join(db.Users, b => b.OwnerUserId, u => u.Id, (b, u) => new { b.Id, u.UserName })
            .ToDictionaryAsync(x => x.Id, x => x.UserName, cancellationToken);
        return rows.Select(r => new RefusedAttemptRow(r.a.Id, r.a.OccurredAtUtc, r.UserName ?? "", r.DisplayName, r.a.Subject, r.a.Issuer,
            r.a.SerialNumber, r.a.Fingerprint, r.a.Reason, r.a.ConflictingBindingId,
            r.a.ConflictingBindingId is { } c ? holders.GetValueOrDefault(c) : null)).ToList();
    }
}
