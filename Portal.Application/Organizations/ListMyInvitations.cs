using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>
/// A pending invitation as its invitee sees it: the organization's certified name (not anything the owner typed into the
/// SMS), the department, the roles offered and the name the organization will know them by.
/// </summary>
public sealed record MyInvitationRow(Guid Id, Guid OrganizationId, string OrganizationName, string Uscc, string? Department, OrgRoles Roles,
    string MemberName, DateTime CreatedAtUtc);

/// <summary>
/// The caller's pending invitations (邀请), matched by the caller's own verified mobile number across organizations; only
/// certified organizations' invitations are shown (an invitation cannot be accepted before that).
/// </summary>
public sealed class ListMyInvitations(WriteUnit unit)
{
    public Task<Result<IReadOnlyList<MyInvitationRow>>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<MyInvitationRow>>(Write.AsUser(), async read =>
        {
            var phone = await MyInvitations.PhoneOfAsync(read.Db, read.UserId!.Value, cancellationToken);
            // Across organizations on purpose, for the caller's own number only.
            var rows = await read.Db.MemberInvitations.IgnoreQueryFilters().AsNoTracking()
                .Where(i => i.Phone == phone && i.Status == RequestStatus.Pending)
                .Join(read.Db.Organizations.IgnoreQueryFilters().Where(o => o.Status == OrganizationStatus.Certified),
                    i => i.OrganizationId, o => o.Id, (i, o) => new { i, o.Name, o.Uscc })
                .OrderBy(x => x.i.CreatedAtUtc)
                .Select(x => new MyInvitationRow(x.i.Id, x.i.OrganizationId, x.Name, x.Uscc,
                    read.Db.Departments.IgnoreQueryFilters().Where(d => d.Id == x.i.DepartmentId && d.OrganizationId == x.i.OrganizationId)
                        .Select(d => d.Name).FirstOrDefault(),
                    x.i.Roles, x.i.Name, x.i.CreatedAtUtc))
                .ToListAsync(cancellationToken);
            return rows;
        }, cancellationToken);
}
