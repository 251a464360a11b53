using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>The departments of the current organization (any member).</summary>
public sealed class ListDepartments(WriteUnit unit)
{
    public Task<Result<IReadOnlyList<Department>>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<Department>>(Write.InSpace(), async read =>
        {
            return await read.Db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
        }, cancellationToken);
}
