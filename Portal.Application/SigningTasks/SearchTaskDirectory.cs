using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;

namespace Portal.Application.SigningTasks;

/// <summary>A person who may take part in or be CC'd on a task (the kind is a member now; external persons come later).</summary>
public sealed record DirectoryPerson(Guid UserId, string Name, string? Department, bool IsMe);

/// <summary>
/// 选择签署人: the organization's directory for the draft editor, searched by name (or department) — every member may
/// search it, as they pick participants. In the personal space the only person is the caller. With a draft's id the
/// draft's space is searched (it may not be the current one).
/// </summary>
public sealed class SearchTaskDirectory(WriteUnit unit, TaskAccess access)
{
    public const int MaxResults = 20;
    public const int MaxQueryLength = 50;

    public async Task<Result<IReadOnlyList<DirectoryPerson>>> ExecuteAsync(string? query, Guid? taskId = null, CancellationToken cancellationToken = default)
    {
        Write scope;
        if (taskId is { } id)
        {
            var s = await access.ScopeOfAsync(id, cancellationToken);
            if (!s.Succeeded)
            {
                return s.Error!;
            }
            scope = s.Value!;
        }
        else
        {
            scope = await access.CurrentSpaceAsync(cancellationToken);
        }
        var text = (query ?? "").Trim();
        if (text.Length > MaxQueryLength)
        {
            text = text[..MaxQueryLength];
        }
        return await unit.ReadAsync<IReadOnlyList<DirectoryPerson>>(scope, async w =>
        {
            var me = w.UserId!.Value;
            if (w.Db.ScopeOrganizationId is null)
            {
                var self = await w.Db.Users.Where(u => u.Id == me).Select(u => u.RealName ?? u.DisplayName).FirstAsync(cancellationToken);
                return new List<DirectoryPerson> { new(me, self, null, true) };
            }
            var rows = w.Db.Memberships.AsNoTracking()
                .GroupJoin(w.Db.Departments, m => m.DepartmentId, d => d.Id, (m, ds) => new { m, ds })
                .SelectMany(x => x.ds.DefaultIfEmpty(), (x, d) => new { x.m.UserId, x.m.Name, x.m.JoinedAtUtc, Department = d == null ? null : d.Name });
            if (text.Length > 0)
            {
                rows = rows.Where(r => r.Name.Contains(text) || (r.Department != null && r.Department.Contains(text)));
            }
            var found = await rows.OrderBy(r => r.JoinedAtUtc).Take(MaxResults).ToListAsync(cancellationToken);
            return found.Select(r => new DirectoryPerson(r.UserId, r.Name, r.Department, r.UserId == me)).ToList();
        }, cancellationToken);
    }
}
