using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

public sealed record BindingHistoryEntry(DateTime OccurredAtUtc, string Kind, string? ActorPhone, string? Detail);

public sealed record BindingHistory(SupportBindingRow Binding, IReadOnlyList<BindingHistoryEntry> Entries);

/// <summary>CA support: one binding's full history — its events and every refused attempt on the same certificate. Audited.</summary>
public sealed class GetBindingHistory(WriteUnit unit)
{
    public async Task<Result<BindingHistory>> ExecuteAsync(Guid bindingId, CancellationToken cancellationToken = default)
    {
        var support = Write.AsPlatform(PlatformRoles.CaSupport);
        var audited = await unit.RunAsync(support, async w =>
        {
            if (!await w.Db.CertificateBindings.IgnoreQueryFilters().AnyAsync(x => x.Id == bindingId, cancellationToken))
            {
                return Result.Fail(Errors.NotFound);
            }
            w.Audit(AuditActions.BindingSupportHistory, bindingId.ToString());
            return Result.Ok();
        }, cancellationToken);
        return audited.Succeeded ? await unit.ReadAsync(support, r => QueryAsync(r.Db, bindingId, cancellationToken), cancellationToken) : audited.Error!;
    }

    private static async Task<Result<BindingHistory>> QueryAsync(IPortalDbContext db, Guid bindingId, CancellationToken cancellationToken)
    {
        var b = await db.CertificateBindings.IgnoreQueryFilters().AsNoTracking().FirstAsync(x => x.Id == bindingId, cancellationToken);
        var owner = await db.Users.Where(u => u.Id == b.OwnerUserId).Select(u => new { u.UserName, u.DisplayName }).FirstAsync(cancellationToken);
        var orgs = await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == b.OwnerUserId)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => o.Name + " (" + o.Uscc + ")").ToListAsync(cancellationToken);
        var row = new SupportBindingRow(b.Id, b.OwnerUserId, owner.UserName ?? "", owner.DisplayName, string.Join("; ", orgs), b.CommonName,
            b.Subject, b.Issuer, b.SerialNumber, b.Fingerprint, b.NotBeforeUtc, b.NotAfterUtc, b.Status, b.HeldFingerprint != null, b.LastTrust,
            b.BoundAtUtc, b.RenewedAtUtc, b.EndedAtUtc, b.EndReason);
        var events = await db.CertificateBindingEvents.AsNoTracking().Where(e => e.BindingId == b.Id)
            .GroupJoin(db.Users, e => e.ActorUserId, u => u.Id, (e, us) => new { e, us })
            .SelectMany(x => x.us.DefaultIfEmpty(), (x, u) => new { x.e, Phone = u == null ? null : u.UserName })
            .ToListAsync(cancellationToken);
        var attempts = await db.CertificateBindAttempts.AsNoTracking().Where(a => a.Fingerprint == b.Fingerprint)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { a, u.UserName })
            .ToListAsync(cancellationToken);
        var entries = events.Select(x => new BindingHistoryEntry(x.e.OccurredAtUtc, x.e.Kind.ToString(), x.Phone, x.e.Detail))
            .Concat(attempts.Select(x => new BindingHistoryEntry(x.a.OccurredAtUtc, "Refused", x.UserName, x.a.Reason)))
            .OrderBy(e => e.OccurredAtUtc).ToList();
        return new BindingHistory(row, entries);
    }
}
