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
public sealed class ListMemberBindings(WriteUnit unit)
{
    public Task<Result<IReadOnlyList<MemberBindingRow>>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<MemberBindingRow>>(Write.InSpace(OrgRoles.Owner | OrgRoles.SealAdmin), async read =>
        {
            // IgnoreQueryFilters switches off every filter of the query, the memberships' tenant filter too:
            // the organization is therefore named explicitly (the isolation harness caught this).
            var orgId = read.Me!.OrganizationId;
            var rows = await read.Db.CertificateBindings.IgnoreQueryFilters().AsNoTracking().Where(b => b.HeldFingerprint != null)
                .Join(read.Db.Memberships.Where(m => m.OrganizationId == orgId), b => b.OwnerUserId, m => m.UserId, (b, m) => new MemberBindingRow(m.Name, b.CommonName,
                    b.TrustedCaName ?? b.Issuer, b.SerialNumber, b.NotAfterUtc, b.Status, b.LastTrust))
                .ToListAsync(cancellationToken);
            return rows.OrderBy(r => r.MemberName).ToList();
        }, cancellationToken);
}
