using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>Deletes a department that has no sub-departments and no members (owner).</summary>
public sealed class DeleteDepartment(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit)
{
    public async Task<Result> ExecuteAsync(Guid departmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var dept = await db.Departments.FirstOrDefaultAsync(d => d.Id == departmentId, cancellationToken);
        if (dept is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        if (await db.Departments.AnyAsync(d => d.ParentId == departmentId, cancellationToken) ||
            await db.Memberships.AnyAsync(m => m.DepartmentId == departmentId, cancellationToken))
        {
            return Result.Fail(Errors.DepartmentNotEmpty);
        }
        db.Departments.Remove(dept);
        await audit.AppendAsync(db, "department.delete", dept.Id.ToString(), AuditOutcome.Success, dept.Name, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
