using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>Deletes a department that has no sub-departments and no members (owner).</summary>
public sealed class DeleteDepartment(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(Guid departmentId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var dept = await w.Db.Departments.FirstOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
            if (dept is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (await w.Db.Departments.AnyAsync(d => d.ParentId == departmentId, cancellationToken) ||
                await w.Db.Memberships.AnyAsync(m => m.DepartmentId == departmentId, cancellationToken))
            {
                return Result.Fail(Errors.DepartmentNotEmpty);
            }
            w.Db.Departments.Remove(dept);
            w.Audit(AuditActions.DepartmentDelete, dept.Id.ToString(), dept.Name);
            return Result.Ok();
        }, cancellationToken);
}
