using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>Adds a department under an optional parent (owner).</summary>
public sealed class CreateDepartment(WriteUnit unit)
{
    public Task<Result<Guid>> ExecuteAsync(string name, Guid? parentId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return Task.FromResult(Result<Guid>.Fail(Errors.NameRequired));
        }
        return unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            if (parentId is { } p && !await w.Db.Departments.AnyAsync(d => d.Id == p, cancellationToken))
            {
                return Result<Guid>.Fail(Errors.NotFound);
            }
            var dept = new Department
            {
                Id = Guid.NewGuid(),
                OrganizationId = w.Me!.OrganizationId,
                ParentId = parentId,
                Name = name.Trim(),
                CreatedAtUtc = w.Now,
            };
            w.Db.Departments.Add(dept);
            w.Audit(AuditActions.DepartmentCreate, dept.Id.ToString(), dept.Name);
            return dept.Id;
        }, cancellationToken);
    }
}
