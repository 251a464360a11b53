using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>
/// Exports the member list to Excel in the import format (owner); an empty export is the template. The export carries every
/// member's mobile number, so it is audited (who, which organization, how many rows).
/// </summary>
public sealed class ExportMembers(WriteUnit unit, IMemberSpreadsheet sheet, Audit.AuditTrail audit, IPortalDbContextFactory dbFactory)
{
    public async Task<Result<byte[]>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        Guid? organizationId = null;
        var export = await unit.ReadAsync<byte[]>(Write.InSpace(OrgRoles.Owner), async read =>
        {
            var byId = (await read.Db.Departments.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(d => d.Id);
            var rows = await read.Db.Memberships.AsNoTracking()
                .Join(read.Db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Name, u.UserName, m.DepartmentId, m.Roles, m.JoinedAtUtc })
                .OrderBy(x => x.JoinedAtUtc).ToListAsync(cancellationToken);
            count = rows.Count;
            organizationId = read.Me!.OrganizationId;
            return sheet.Write(rows.Select((x, i) => new MemberSheetRow(i + 2, x.UserName ?? "", x.Name,
                x.DepartmentId is { } d ? DepartmentPaths.PathOf(d, byId) : "", ImportMembers.RoleWord(x.Roles))));
        }, cancellationToken);
        if (export.Succeeded)
        {
            await audit.RecordAsync(dbFactory, AuditActions.MemberExport, organizationId!.Value.ToString(), AuditOutcome.Success,
                $"{count} rows with phone numbers", organizationId, cancellationToken);
        }
        return export;
    }

    /// <summary>The import template: the header and one example row.</summary>
    public byte[] Template() => sheet.Write([new MemberSheetRow(2, "13800000000", "张三", "部门/子部门", "成员")]);
}
