using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>Renames a department (owner).</summary>
public sealed class RenameDepartment(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(Guid departmentId, string name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return Task.FromResult(Result.Fail(Errors.NameRequired));
        }
        return unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var dept = await w.Db.Departments.FirstOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
            if (dept is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            dept.Name = name.Trim();
            w.Audit(AuditActions.DepartmentRename, dept.Id.ToString(), dept.Name);
            return Result.Ok();
        }, cancellationToken);
    }
}
