using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

/// <summary>The CA support console's views of bindings.</summary>
public enum BindingView
{
    /// <summary>Held bindings (plus ended ones when asked).</summary>
    All = 1,

    /// <summary>Renewed: a newer certificate was bound; held ones are stale and need unbinding.</summary>
    Renewed = 2,

    /// <summary>Active bindings whose certificate expires within <see cref="SearchBindings.ExpiringWithin"/>.</summary>
    ExpiringSoon = 3,

    /// <summary>Held bindings whose certificate expired or is revoked (re-checked against the trust store first).</summary>
    RevokedOrExpired = 4,
}

/// <summary>Free text matches serial, subject, issuer CA, USCC, organization name or user phone.</summary>
public sealed record BindingSearch(string? Text, BindingView View = BindingView.All, bool IncludeEnded = false);

public sealed record SupportBindingRow(Guid Id, Guid UserId, string UserPhone, string UserName, string Organizations, string CommonName,
    string Subject, string Issuer, string SerialNumber, string Fingerprint, DateTime NotBeforeUtc, DateTime NotAfterUtc, BindingStatus Status,
    bool IsHeld, CertificateTrustStatus? LastTrust, DateTime BoundAtUtc, DateTime? RenewedAtUtc, DateTime? EndedAtUtc, string? EndReason);

/// <summary>
/// CA support (platform role) searches bindings across tenants. Certificate and binding metadata only —
/// never documents. Every view is audited.
/// </summary>
public sealed class SearchBindings(WriteUnit unit, ICertificateInspector inspector)
{
    public const int MaxRows = 500;
    public static readonly TimeSpan ExpiringWithin = TimeSpan.FromDays(30);

    public async Task<Result<IReadOnlyList<SupportBindingRow>>> ExecuteAsync(BindingSearch search, CancellationToken cancellationToken = default)
    {
        var support = Write.AsPlatform(PlatformRoles.CaSupport);
        var audited = await unit.RunAsync(support,
            // Today's trust of every held binding is asked before the lock (CRLs, OCSP), then recorded under it.
            async () => Result<IReadOnlyDictionary<Guid, CertificateTrustStatus>?>.Ok(
                search.View == BindingView.RevokedOrExpired ? await CheckHeldAsync(cancellationToken) : null),
            async (w, trusts) =>
            {
                if (trusts is not null)
                {
                    await RecordTrustAsync(w.Db, trusts, w.Now, cancellationToken);
                }
                w.Audit(AuditActions.BindingSupportView, search.View.ToString(), search.Text);
                return Result<DateTime>.Ok(w.Now);
            }, cancellationToken);
        if (!audited.Succeeded)
        {
            return audited.Error!;
        }
        var now = audited.Value;
        return await unit.ReadAsync(support, r => QueryAsync(r.Db, search, now, cancellationToken), cancellationToken);
    }

    private static async Task<Result<IReadOnlyList<SupportBindingRow>>> QueryAsync(IPortalDbContext db, BindingSearch search, DateTime now,
        CancellationToken cancellationToken)
    {
        var q = db.CertificateBindings.IgnoreQueryFilters().AsNoTracking();
        q = search.View switch
        {
            BindingView.Renewed => q.Where(b => b.Status == BindingStatus.Renewed),
            BindingView.ExpiringSoon => q.Where(b => b.Status == BindingStatus.Active && b.NotAfterUtc >= now && b.NotAfterUtc <= now + ExpiringWithin),
            BindingView.RevokedOrExpired => q.Where(b => b.NotAfterUtc < now || b.LastTrust == CertificateTrustStatus.Revoked),
            _ => q,
        };
        if (!search.IncludeEnded || search.View is BindingView.ExpiringSoon or BindingView.RevokedOrExpired)
        {
            q = q.Where(b => b.HeldFingerprint != null);
        }
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            var text = search.Text.Trim();
            var serial = text.Replace(":", "").Replace(" ", "").ToUpperInvariant();
            var phone = PhoneNumber.Normalize(text);
            var upper = text.ToUpperInvariant();
            // USCC or organization name: the organizations' members, plus certificates naming it in the subject.
            var orgIds = db.Organizations.Where(o => o.Uscc == upper || o.Name.Contains(text)).Select(o => o.Id);
            var memberIds = db.Memberships.IgnoreQueryFilters().Where(m => orgIds.Contains(m.OrganizationId)).Select(m => m.UserId);
            var phoneIds = db.Users.Where(u => u.UserName == phone).Select(u => u.Id);
            q = q.Where(b => b.SerialNumber == serial || b.Fingerprint == serial || b.Subject.Contains(text) || b.Issuer.Contains(text)
                || memberIds.Contains(b.OwnerUserId) || phoneIds.Contains(b.OwnerUserId));
        }
        var rows = await q.OrderByDescending(b => b.BoundAtUtc).Take(MaxRows)
            .Join(db.Users, b => b.OwnerUserId, u => u.Id, (b, u) => new { b, Phone = u.UserName, u.DisplayName })
            .ToListAsync(cancellationToken);
        var userIds = rows.Select(r => r.b.OwnerUserId).Distinct().ToList();
        var orgs = await db.Memberships.IgnoreQueryFilters().Where(m => userIds.Contains(m.UserId))
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { m.UserId, o.Name, o.Uscc })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new SupportBindingRow(r.b.Id, r.b.OwnerUserId, r.Phone ?? "", r.DisplayName,
            string.Join("; ", orgs.Where(o => o.UserId == r.b.OwnerUserId).Select(o => $"{o.Name} ({o.Uscc})")),
            r.b.CommonName, r.b.Subject, r.b.Issuer, r.b.SerialNumber, r.b.Fingerprint, r.b.NotBeforeUtc, r.b.NotAfterUtc, r.b.Status,
            r.b.HeldFingerprint != null, r.b.LastTrust, r.b.BoundAtUtc, r.b.RenewedAtUtc, r.b.EndedAtUtc, r.b.EndReason)).ToList();
    }

    /// <summary>Asks the trust store again about every held binding, so "revoked but still bound" reflects today's CRLs.</summary>
    private async Task<IReadOnlyDictionary<Guid, CertificateTrustStatus>?> CheckHeldAsync(CancellationToken cancellationToken)
    {
        var held = await unit.ReadAsync(Write.AsPlatform(PlatformRoles.CaSupport), async r => Result<List<(Guid Id, byte[] Der)>>.Ok(
            (await r.Db.CertificateBindings.IgnoreQueryFilters().AsNoTracking().Where(b => b.HeldFingerprint != null)
                .Select(b => new { b.Id, b.CertificateDer }).ToListAsync(cancellationToken)).Select(b => (b.Id, b.CertificateDer)).ToList()),
            cancellationToken);
        var trusts = new Dictionary<Guid, CertificateTrustStatus>();
        foreach (var (id, der) in held.Value ?? [])
        {
            trusts[id] = (await inspector.CheckTrustAsync(der, cancellationToken)).Status;
        }
        return trusts;
    }

    /// <summary>Records the answers on the bindings still held (one bound meanwhile is asked now).</summary>
    private async Task RecordTrustAsync(IPortalDbContext db, IReadOnlyDictionary<Guid, CertificateTrustStatus> trusts, DateTime now,
        CancellationToken cancellationToken)
    {
        var held = await db.CertificateBindings.IgnoreQueryFilters().Where(b => b.HeldFingerprint != null).ToListAsync(cancellationToken);
        foreach (var b in held)
        {
            var trust = trusts.TryGetValue(b.Id, out var known) ? known : (await inspector.CheckTrustAsync(b.CertificateDer, cancellationToken)).Status;
            if (b.LastTrust != trust)
            {
                db.CertificateBindingEvents.Add(new CertificateBindingEvent
                {
                    BindingId = b.Id,
                    Kind = BindingEventKind.Rechecked,
                    OccurredAtUtc = now,
                    Detail = trust.ToString(),
                });
            }
            b.LastTrust = trust;
            b.LastCheckedAtUtc = now;
        }
    }
}
