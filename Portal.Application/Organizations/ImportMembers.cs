using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record RejectedRow(int RowNumber, string Phone, PortalError Reason);

/// <summary><see cref="Added"/> counts the invitations sent: people join when they accept.</summary>
public sealed record ImportReport(int Added, IReadOnlyList<RejectedRow> Rejected);

/// <summary>
/// Imports members from Excel (owner): the workbook is bounded and parsed outside the lock (<see cref="MemberSheetLimits"/>);
/// every row is validated (phone, not yet a member, not repeated, department path, role); each valid row becomes an invitation
/// the person accepts (as <see cref="AddMember"/>: the same whether the number is registered or not), in batches of
/// <see cref="MemberSheetLimits.BatchSize"/>, each its own write unit, and each rejected row is reported with its reason.
/// Every invitation is an SMS counted against the owner's daily cap (<see cref="RateLimitOptions.DailySmsPerAccount"/>): rows
/// past what is left of it today are not invited but reported (<see cref="Errors.SmsDailyLimitAccount"/>) for a later import —
/// never invited without their SMS.
/// </summary>
public sealed class ImportMembers(WriteUnit unit, IMemberSpreadsheet sheet, SmsNotifier sms, RateLimitOptions limits)
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

    public async Task<Result<ImportReport>> ExecuteAsync(byte[] workbook, CancellationToken cancellationToken = default)
    {
        if (workbook.LongLength is 0 or > MemberSheetLimits.MaxFileBytes)
        {
            return Result<ImportReport>.Fail(Errors.FileTooLarge, MemberSheetLimits.MaxFileBytes / 1024 / 1024);
        }
        // The owner is checked before the untrusted workbook is parsed, and it is parsed outside the write lock.
        var parsed = await unit.ReadAsync(Write.InSpace(OrgRoles.Owner), _ => Task.FromResult(sheet.Read(workbook)), cancellationToken);
        if (!parsed.Succeeded)
        {
            return parsed.Error!;
        }
        var seen = new HashSet<string>();
        var rejected = new List<RejectedRow>();
        var added = 0;
        var budget = new SmsBudget(await unit.ReadAsync(Write.InSpace(OrgRoles.Owner), async read =>
        {
            var since = read.Now - SmsNotifier.CapWindow;
            var sent = await read.Db.SmsSends.CountAsync(r => r.AccountId == read.UserId && r.SentAtUtc > since, cancellationToken);
            return Result<int>.Ok(Math.Max(0, limits.DailySmsPerAccount - sent));
        }, cancellationToken) is { Succeeded: true } left ? left.Value : 0);
        foreach (var batch in parsed.Value!.Chunk(MemberSheetLimits.BatchSize))
        {
            var imported = await unit.RunAsync<int>(Write.InSpace(OrgRoles.Owner), w => ImportBatchAsync(w, sms, batch, seen, rejected, budget, cancellationToken),
                cancellationToken);
            if (!imported.Succeeded)
            {
                // Earlier batches stay imported (each was its own unit); the owner sees why the rest was not.
                return imported.Error!;
            }
            added += imported.Value;
        }
        return new ImportReport(added, rejected);
    }

    /// <summary>The invitation SMS the owner's account may still send today.</summary>
    private sealed class SmsBudget(int left)
    {
        public int Left { get; set; } = left;
    }

    private static async Task<Result<int>> ImportBatchAsync(WriteContext w, SmsNotifier sms, MemberSheetRow[] rows, HashSet<string> seen, List<RejectedRow> rejected,
        SmsBudget budget, CancellationToken cancellationToken)
    {
        var departments = await w.Db.Departments.AsNoTracking().ToListAsync(cancellationToken);
        var paths = DepartmentPaths.Build(departments);
        var phones = rows.Select(r => PhoneNumber.Normalize(r.Phone)).OfType<string>().Distinct().ToList();
        // Only numbers that are members already are refused (the owner sees those); registered or not is never told.
        var members = await Invitations.MemberPhonesAsync(w.Db, phones, cancellationToken);
        var added = 0;
        foreach (var row in rows)
        {
            var phone = PhoneNumber.Normalize(row.Phone);
            var role = ParseRole(row.Role);
            Guid? deptId = null;
            PortalError? reason =
                phone is null ? new PortalError(Errors.PhoneInvalid)
                : !seen.Add(phone) ? new PortalError(Errors.AlreadyMember)
                : string.IsNullOrWhiteSpace(row.Name) || row.Name.Trim().Length > 50 ? new PortalError(Errors.NameRequired)
                : role is null ? new PortalError(Errors.RoleInvalid)
                : !string.IsNullOrWhiteSpace(row.DepartmentPath) && !paths.TryGetValue(DepartmentPaths.Normalize(row.DepartmentPath), out _)
                    ? new PortalError(Errors.DepartmentPathNotFound, row.DepartmentPath)
                : role == OrgRoles.DepartmentHead && string.IsNullOrWhiteSpace(row.DepartmentPath) ? new PortalError(Errors.DepartmentRequired)
                : members.Contains(phone) ? new PortalError(Errors.AlreadyMember)
                : budget.Left <= 0 ? new PortalError(Errors.SmsDailyLimitAccount)
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
            await Invitations.InviteAsync(w, sms, phone!, row.Name, deptId, role!.Value, cancellationToken);
            budget.Left--;
            added++;
        }
        w.Audit(AuditActions.MemberImport, w.Me!.OrganizationId.ToString(),
            $"rows {rows[0].RowNumber}-{rows[^1].RowNumber}: invited {added}, rejected {rows.Length - added}");
        return added;
    }
}
