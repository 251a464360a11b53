using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record MemberRow(Guid MembershipId, Guid UserId, string Name, string PhoneMasked, string? Department, OrgRoles Roles, bool IsLegalRepresentative,
    Guid? DepartmentId = null);

/// <summary>The member list of the current organization (owner).</summary>
public sealed class ListMembers(WriteUnit unit)
{
    public Task<Result<IReadOnlyList<MemberRow>>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<MemberRow>>(Write.InSpace(OrgRoles.Owner), async read =>
        {
            var legalRep = await read.Db.Organizations.Where(o => o.Id == read.Db.ScopeOrganizationId)
                .Select(o => o.LegalRepresentativeUserId).FirstAsync(cancellationToken);
            var rows = await read.Db.Memberships
                .Join(read.Db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u.UserName })
                .GroupJoin(read.Db.Departments, x => x.m.DepartmentId, d => d.Id, (x, ds) => new { x.m, x.UserName, ds })
                .SelectMany(x => x.ds.DefaultIfEmpty(), (x, d) => new { x.m, x.UserName, Dept = d == null ? null : d.Name })
                .OrderBy(x => x.m.JoinedAtUtc)
                .ToListAsync(cancellationToken);
            return rows.Select(x => new MemberRow(x.m.Id, x.m.UserId, x.m.Name, PhoneNumber.Mask(x.UserName ?? ""), x.Dept, x.m.Roles,
                x.m.UserId == legalRep, x.m.DepartmentId)).ToList();
        }, cancellationToken);
}
