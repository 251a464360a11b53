using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>Moves a department under another parent or to the top (owner); never under itself or its own descendants.</summary>
public sealed class MoveDepartment(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(Guid departmentId, Guid? newParentId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var all = await w.Db.Departments.ToListAsync(cancellationToken);
            var dept = all.FirstOrDefault(d => d.Id == departmentId);
            if (dept is null || (newParentId is { } p && all.All(d => d.Id != p)))
            {
                return Result.Fail(Errors.NotFound);
            }
            // Walk up from the new parent: meeting the department itself would close a cycle.
            for (var cursor = newParentId; cursor is { } c; cursor = all.First(d => d.Id == c).ParentId)
            {
                if (c == departmentId)
                {
                    return Result.Fail(Errors.DepartmentCycle);
                }
            }
            dept.ParentId = newParentId;
            w.Audit(AuditActions.DepartmentMove, dept.Id.ToString(), newParentId?.ToString());
            return Result.Ok();
        }, cancellationToken);
}
