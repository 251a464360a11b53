using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

public sealed record MemberBindingRow(string MemberName, string CommonName, string Issuer, string SerialNumber, DateTime NotAfterUtc,
    BindingStatus Status, CertificateTrustStatus? LastTrust);

/// <summary>
/// 证书管理 (owner, seal admin): the external certificates the organization's members hold, read-only.
/// Only members of the current space; changes stay with each member and CA support.
/// </summary>
public sealed class ListMemberBindings(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<MemberBindingRow>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner | OrgRoles.SealAdmin, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        // IgnoreQueryFilters switches off every filter of the query, the memberships' tenant filter too:
        // the organization is therefore named explicitly (the isolation harness caught this).
        var orgId = me.Value!.OrganizationId;
        var rows = await db.CertificateBindings.IgnoreQueryFilters().AsNoTracking().Where(b => b.HeldFingerprint != null)
            .Join(db.Memberships.Where(m => m.OrganizationId == orgId), b => b.OwnerUserId, m => m.UserId, (b, m) => new MemberBindingRow(m.Name, b.CommonName,
                b.TrustedCaName ?? b.Issuer, b.SerialNumber, b.NotAfterUtc, b.Status, b.LastTrust))
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.MemberName).ToList();
    }
}
