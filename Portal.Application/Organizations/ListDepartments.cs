using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>The departments of the current organization (any member).</summary>
public sealed class ListDepartments(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<Department>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        return await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
    }
}
