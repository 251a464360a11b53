using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>Adds a department under an optional parent (owner).</summary>
public sealed class CreateDepartment(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<Guid>> ExecuteAsync(string name, Guid? parentId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return Result<Guid>.Fail(Errors.NameRequired);
        }
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        if (parentId is { } p && !await db.Departments.AnyAsync(d => d.Id == p, cancellationToken))
        {
            return Result<Guid>.Fail(Errors.NotFound);
        }
        var dept = new Department
        {
            Id = Guid.NewGuid(),
            OrganizationId = me.Value!.OrganizationId,
            ParentId = parentId,
            Name = name.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Departments.Add(dept);
        await audit.AppendAsync(db, "department.create", dept.Id.ToString(), AuditOutcome.Success, dept.Name,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return dept.Id;
    }
}
