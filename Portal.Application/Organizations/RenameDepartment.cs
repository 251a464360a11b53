using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>Renames a department (owner).</summary>
public sealed class RenameDepartment(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit)
{
    public async Task<Result> ExecuteAsync(Guid departmentId, string name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return Result.Fail(Errors.NameRequired);
        }
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
        dept.Name = name.Trim();
        dept.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, "department.rename", dept.Id.ToString(), AuditOutcome.Success, dept.Name, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
