using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Grants;

public sealed record GranteeOption(Guid Id, string Name, bool IsDepartment);

/// <summary>Who a seal can be granted to: the organization's members and departments (for those who grant).</summary>
public sealed class ListGrantees(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<GranteeOption>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner | OrgRoles.SealAdmin, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var members = await db.Memberships.AsNoTracking().OrderBy(m => m.Name).Select(m => new GranteeOption(m.UserId, m.Name, false)).ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name).Select(d => new GranteeOption(d.Id, d.Name, true)).ToListAsync(cancellationToken);
        return members.Concat(departments).ToList();
    }
}
