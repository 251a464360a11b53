using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record RejectedRow(int RowNumber, string Phone, PortalError Reason);

public sealed record ImportReport(int Added, IReadOnlyList<RejectedRow> Rejected);

/// <summary>
/// Imports members from Excel (owner): every row is validated (phone, registered, not yet a member, not
/// repeated, department path, role); all valid rows are added in one transaction, each rejected row is
/// reported with its reason.
/// </summary>
public sealed class ImportMembers(WriteUnit unit, IMemberSpreadsheet sheet)
{
    /// <summary>Role words accepted in the role column (zh-CN and en-US).</summary>
    public static OrgRoles? ParseRole(string text) => text.Trim().ToLowerInvariant() switch
    {
        "" or "成员" or "member" => OrgRoles.Member,
        "印章管理员" or "seal admin" => OrgRoles.SealAdmin,
        "部门负责人" or "department head" => OrgRoles.DepartmentHead,
        _ => null,
    };

    public static string RoleWord(OrgRoles roles) =>
        roles.HasFlag(OrgRoles.SealAdmin) ? "印章管理员" : roles.HasFlag(OrgRoles.DepartmentHead) ? "部门负责人" : "成员";

    public Task<Result<ImportReport>> ExecuteAsync(byte[] workbook, CancellationToken cancellationToken = default)
    {
        if (workbook.LongLength > Uploads.MaxBytes)
        {
            return Task.FromResult(Result<ImportReport>.Fail(Errors.FileTooLarge, Uploads.MaxBytes / 1024 / 1024));
        }
        // The untrusted spreadsheet is parsed after the owner check and before the lock.
        return unit.RunAsync(Write.InSpace(OrgRoles.Owner),
            () => Task.FromResult(sheet.Read(workbook) is { } parsed ? Result<IReadOnlyList<MemberSheetRow>>.Ok(parsed)
                : Result<IReadOnlyList<MemberSheetRow>>.Fail(Errors.FileTypeNotAllowed)),
            async (w, rows) =>
        {
            var departments = await w.Db.Departments.AsNoTracking().ToListAsync(cancellationToken);
            var paths = DepartmentPaths.Build(departments);
            var phones = rows.Select(r => PhoneNumber.Normalize(r.Phone)).OfType<string>().Distinct().ToList();
            var users = await w.Db.Users.Where(u => phones.Contains(u.UserName!)).Select(u => new { u.Id, u.UserName }).ToListAsync(cancellationToken);
            var members = (await w.Db.Memberships.Select(m => m.UserId).ToListAsync(cancellationToken)).ToHashSet();
            var seen = new HashSet<string>();
            var rejected = new List<RejectedRow>();
            var added = 0;
            foreach (var row in rows)
            {
                var phone = PhoneNumber.Normalize(row.Phone);
                Guid? deptId = null;
                var role = ParseRole(row.Role);
                PortalError? reason =
                    phone is null ? new PortalError(Errors.PhoneInvalid)
                    : !seen.Add(phone) ? new PortalError(Errors.AlreadyMember)
                    : string.IsNullOrWhiteSpace(row.Name) || row.Name.Trim().Length > 50 ? new PortalError(Errors.NameRequired)
                    : role is null ? new PortalError(Errors.RoleInvalid)
                    : !string.IsNullOrWhiteSpace(row.DepartmentPath) && !paths.TryGetValue(DepartmentPaths.Normalize(row.DepartmentPath), out _)
                        ? new PortalError(Errors.DepartmentPathNotFound, row.DepartmentPath)
                    : role == OrgRoles.DepartmentHead && string.IsNullOrWhiteSpace(row.DepartmentPath) ? new PortalError(Errors.DepartmentRequired)
                    : users.FirstOrDefault(u => u.UserName == phone) is not { } user ? new PortalError(Errors.UserNotRegistered)
                    : members.Contains(user.Id) ? new PortalError(Errors.AlreadyMember)
                    : null;
                if (reason is not null)
                {
                    rejected.Add(new RejectedRow(row.RowNumber, row.Phone, reason));
                    continue;
                }
                if (!string.IsNullOrWhiteSpace(row.DepartmentPath))
                {
                    deptId = paths[DepartmentPaths.Normalize(row.DepartmentPath)];
                }
                var userId = users.First(u => u.UserName == phone).Id;
                members.Add(userId);
                w.Db.Memberships.Add(new Membership
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = w.Me!.OrganizationId,
                    UserId = userId,
                    Name = row.Name.Trim(),
                    DepartmentId = deptId,
                    Roles = role!.Value,
                    JoinedAtUtc = w.Now,
                });
                added++;
            }
            w.Audit(AuditActions.MemberImport, w.Me!.OrganizationId.ToString(), $"added {added}, rejected {rejected.Count}");
            return Result<ImportReport>.Ok(new ImportReport(added, rejected));
        }, cancellationToken);
    }
}
