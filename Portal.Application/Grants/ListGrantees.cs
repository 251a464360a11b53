using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Grants;

public sealed record GranteeOption(Guid Id, string Name, bool IsDepartment);

/// <summary>Who a seal can be granted to: the organization's members and departments (for those who grant).</summary>
public sealed class ListGrantees(WriteUnit unit)
{
    public Task<Result<IReadOnlyList<GranteeOption>>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<GranteeOption>>(Write.InSpace(OrgRoles.Owner | OrgRoles.SealAdmin), async read =>
        {
            var members = await read.Db.Memberships.AsNoTracking().OrderBy(m => m.Name).Select(m => new GranteeOption(m.UserId, m.Name, false)).ToListAsync(cancellationToken);
            var departments = await read.Db.Departments.AsNoTracking().OrderBy(d => d.Name).Select(d => new GranteeOption(d.Id, d.Name, true)).ToListAsync(cancellationToken);
            return members.Concat(departments).ToList();
        }, cancellationToken);
}
