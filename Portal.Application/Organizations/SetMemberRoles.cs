using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>Changes a member's department and roles (owner). Takes effect at once in the member's open sessions.</summary>
public sealed class SetMemberRoles(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, ISpaceAccessNotifier notifier)
{
    public async Task<Result> ExecuteAsync(Guid membershipId, OrgRoles roles, Guid? departmentId, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(membershipId, roles, departmentId, null, cancellationToken);

    /// <summary>Edits a member: name (when given), department and roles.</summary>
    public async Task<Result> ExecuteAsync(Guid membershipId, OrgRoles roles, Guid? departmentId, string? name,
        CancellationToken cancellationToken = default)
    {
        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50))
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
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (member is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        if (departmentId is { } deptId && !await db.Departments.AnyAsync(d => d.Id == deptId, cancellationToken))
        {
            return Result.Fail(Errors.NotFound);
        }
        if (roles.HasFlag(OrgRoles.DepartmentHead) && departmentId is null)
        {
            return Result.Fail(Errors.DepartmentRequired);
        }
        // The owner flag only moves by transfer.
        member.Roles = (roles & ~OrgRoles.Owner) | (member.Roles & OrgRoles.Owner);
        member.DepartmentId = departmentId;
        member.Name = name?.Trim() ?? member.Name;
        member.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, "member.roles", member.Id.ToString(), AuditOutcome.Success, member.Roles.ToString(),
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        notifier.AccessChanged(member.UserId, member.OrganizationId);
        return Result.Ok();
    }
}
