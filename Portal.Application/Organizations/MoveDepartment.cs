using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>Moves a department under another parent or to the top (owner); never under itself or its own descendants.</summary>
public sealed class MoveDepartment(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit)
{
    public async Task<Result> ExecuteAsync(Guid departmentId, Guid? newParentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var all = await db.Departments.ToListAsync(cancellationToken);
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
        dept.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, "department.move", dept.Id.ToString(), AuditOutcome.Success, newParentId?.ToString(),
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
