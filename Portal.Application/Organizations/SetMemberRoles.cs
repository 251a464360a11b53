using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>Changes a member's department and roles (owner). Takes effect at once in the member's open sessions.</summary>
public sealed class SetMemberRoles(WriteUnit unit, ISpaceAccessNotifier notifier)
{
    public Task<Result> ExecuteAsync(Guid membershipId, OrgRoles roles, Guid? departmentId, CancellationToken cancellationToken = default) =>
        ExecuteAsync(membershipId, roles, departmentId, null, cancellationToken);

    /// <summary>Edits a member: name (when given), department and roles.</summary>
    public Task<Result> ExecuteAsync(Guid membershipId, OrgRoles roles, Guid? departmentId, string? name,
        CancellationToken cancellationToken = default)
    {
        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50))
        {
            return Task.FromResult(Result.Fail(Errors.NameRequired));
        }
        return unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var member = await w.Db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
            if (member is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (departmentId is { } deptId && !await w.Db.Departments.AnyAsync(d => d.Id == deptId, cancellationToken))
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
            w.Audit(AuditActions.MemberRoles, member.Id.ToString(), member.Roles.ToString());
            w.AfterCommit(() => notifier.AccessChanged(member.UserId, member.OrganizationId));
            return Result.Ok();
        }, cancellationToken);
    }
}
