using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record InvitationRow(Guid Id, string PhoneMasked, string Name, string? Department, OrgRoles Roles, DateTime CreatedAtUtc);

/// <summary>The current organization's pending invitations, shown in the member list (owner).</summary>
public sealed class ListInvitations(WriteUnit unit)
{
    public Task<Result<IReadOnlyList<InvitationRow>>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<InvitationRow>>(Write.InSpace(OrgRoles.Owner), async read =>
        {
            var rows = await read.Db.MemberInvitations.AsNoTracking().Where(i => i.Status == RequestStatus.Pending)
                .OrderBy(i => i.CreatedAtUtc)
                .Select(i => new { i, Dept = read.Db.Departments.Where(d => d.Id == i.DepartmentId).Select(d => d.Name).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            return rows.Select(x => new InvitationRow(x.i.Id, PhoneNumber.Mask(x.i.Phone), x.i.Name, x.Dept, x.i.Roles, x.i.CreatedAtUtc)).ToList();
        }, cancellationToken);
}
