using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>Exports the member list to Excel in the import format (owner); an empty export is the template.</summary>
public sealed class ExportMembers(WriteUnit unit, IMemberSpreadsheet sheet)
{
    public Task<Result<byte[]>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<byte[]>(Write.InSpace(OrgRoles.Owner), async read =>
        {
            var byId = (await read.Db.Departments.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(d => d.Id);
            var rows = await read.Db.Memberships.AsNoTracking()
                .Join(read.Db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Name, u.UserName, m.DepartmentId, m.Roles, m.JoinedAtUtc })
                .OrderBy(x => x.JoinedAtUtc).ToListAsync(cancellationToken);
            return sheet.Write(rows.Select((x, i) => new MemberSheetRow(i + 2, x.UserName ?? "", x.Name,
                x.DepartmentId is { } d ? DepartmentPaths.PathOf(d, byId) : "", ImportMembers.RoleWord(x.Roles))));
        }, cancellationToken);

    /// <summary>The import template: the header and one example row.</summary>
    public byte[] Template() => sheet.Write([new MemberSheetRow(2, "13800000000", "张三", "部门/子部门", "成员")]);
}
