using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;

namespace Portal.Application.SigningTasks;

/// <summary>The lists of 文件管理 (per space), plus the organization's own list for its owner.</summary>
public enum TaskList
{
    /// <summary>待我签署: my turn is open.</summary>
    ToMe = 1,

    /// <summary>待他人签署: I finished; others have not.</summary>
    WaitingForOthers = 2,

    /// <summary>已完成: completed tasks I initiated or took part in.</summary>
    Completed = 3,

    /// <summary>已作废: refused, revoked or expired tasks I initiated or took part in.</summary>
    Voided = 4,

    /// <summary>我发起的: sent tasks I initiated.</summary>
    InitiatedByMe = 5,

    /// <summary>抄送我的.</summary>
    CcMe = 6,

    /// <summary>草稿: my drafts.</summary>
    Drafts = 7,

    /// <summary>The organization's sent tasks (owner only).</summary>
    Organization = 8,
}

public enum TaskSort
{
    Created = 1,
    Deadline = 2,
    Name = 3,
    Number = 4,
}

/// <summary>
/// One list request: search by name or number, filters (a participant by account or by a part of their name, the initiated and
/// deadline days, business type, status), sort and page (0-based).
/// </summary>
public sealed record TaskListQuery(TaskList List, string? Search = null, Guid? ParticipantUserId = null, DateOnly? InitiatedFrom = null,
    DateOnly? InitiatedTo = null, DateOnly? DeadlineFrom = null, DateOnly? DeadlineTo = null, Guid? BusinessTypeId = null,
    SigningTaskStatus? Status = null, TaskSort Sort = TaskSort.Created, bool Descending = true, int Page = 0, int PageSize = 20,
    string? ParticipantName = null);

public sealed record TaskListRow(Guid Id, string Number, string Name, string BusinessTypeName, string InitiatorName, SigningTaskStatus Status,
    TaskVoidKind? VoidKind, DateTime CreatedAtUtc, DateTime? SentAtUtc, DateOnly DeadlineDate, IReadOnlyList<string> Holders,
    bool IsMine = false, bool MyTurn = false);

public sealed record TaskPage(IReadOnlyList<TaskListRow> Rows, int Total);

/// <summary>
/// The seven lists (and the owner's organization list) in the caller's current space, server-side: filters, sort, one page
/// and the total count. Each list starts from the narrowest index (the caller's participations, CC rows or initiated tasks).
/// </summary>
public sealed class ListTasks(WriteUnit unit, TaskAccess access)
{
    public const int MaxPageSize = 100;

    public async Task<Result<TaskPage>> ExecuteAsync(TaskListQuery query, CancellationToken cancellationToken = default) =>
        await unit.ReadAsync(await access.CurrentSpaceAsync(cancellationToken), w => QueryAsync(w, query, cancellationToken), cancellationToken);

    public static async Task<Result<TaskPage>> QueryAsync(WriteContext w, TaskListQuery q, CancellationToken cancellationToken)
    {
        var me = w.UserId!.Value;
        var db = w.Db;
        var space = db.ScopeOrganizationId ?? me;
        var inSpace = db.SigningTasks.AsNoTracking().Where(t => t.SpaceId == space);
        // Participant lists are driven by the caller's participations in tasks of one status (index UserId, TaskStatus, State,
        // TaskId: the participation carries its task's status), never by scanning the space's tasks; "initiated or took part"
        // is a union of the two narrow sets' task keys (not of whole rows, which SQLite would compare column by column).
        IQueryable<Guid> Took(SigningTaskStatus status, Expression<Func<TaskParticipant, bool>> state) =>
            db.TaskParticipants.Where(p => p.UserId == me && p.TaskStatus == status).Where(state).Select(p => p.TaskId);
        IQueryable<Guid> Initiated(SigningTaskStatus status) =>
            inSpace.Where(t => t.InitiatorUserId == me && t.Status == status).Select(t => t.Id);
        IQueryable<SigningTask> ById(IQueryable<Guid> ids) => inSpace.Where(t => ids.Contains(t.Id));
        var tasks = q.List switch
        {
            TaskList.ToMe => ById(Took(SigningTaskStatus.InProgress, p => p.State == ParticipantState.Active)),
            TaskList.WaitingForOthers => ById(Took(SigningTaskStatus.InProgress, p => p.State == ParticipantState.Finished)),
            // Every participant of a completed task finished; a voided task's participants who had their turn are not waiting.
            TaskList.Completed => ById(Took(SigningTaskStatus.Completed, p => p.State == ParticipantState.Finished)
                .Union(Initiated(SigningTaskStatus.Completed))),
            TaskList.Voided => ById(Took(SigningTaskStatus.Voided, p => p.State != ParticipantState.Waiting)
                .Union(Initiated(SigningTaskStatus.Voided))),
            TaskList.InitiatedByMe => inSpace.Where(t => t.InitiatorUserId == me && t.Status != SigningTaskStatus.Draft),
            TaskList.CcMe => db.TaskCcRecipients.Where(c => c.UserId == me).Join(inSpace, c => c.TaskId, t => t.Id, (c, t) => t)
                .Where(t => t.Status != SigningTaskStatus.Draft),
            TaskList.Drafts => inSpace.Where(t => t.InitiatorUserId == me && t.Status == SigningTaskStatus.Draft),
            TaskList.Organization when w.Me is { } m && m.Has(OrgRoles.Owner) => inSpace.Where(t => t.Status != SigningTaskStatus.Draft),
            _ => inSpace.Where(t => false),
        };

        if (q.Search?.Trim() is { Length: > 0 } search)
        {
            tasks = tasks.Where(t => t.Number == search || t.Name.Contains(search));
        }
        if (q.ParticipantUserId is { } participant)
        {
            tasks = tasks.Where(t => t.Participants.Any(p => p.UserId == participant));
        }
        if (q.ParticipantName?.Trim() is { Length: > 0 } participantName)
        {
            tasks = tasks.Where(t => t.Participants.Any(p => p.Name.Contains(participantName)));
        }
        var zone = await TimeZoneAsync(w, cancellationToken);
        if (q.InitiatedFrom is { } from)
        {
            var fromUtc = GrantWindows.StartOfDayUtc(from, zone);
            tasks = tasks.Where(t => t.CreatedAtUtc >= fromUtc);
        }
        if (q.InitiatedTo is { } to)
        {
            var toUtc = GrantWindows.EndOfDayUtc(to, zone);
            tasks = tasks.Where(t => t.CreatedAtUtc <= toUtc);
        }
        if (q.DeadlineFrom is { } deadlineFrom)
        {
            tasks = tasks.Where(t => t.DeadlineDate >= deadlineFrom);
        }
        if (q.DeadlineTo is { } deadlineTo)
        {
            tasks = tasks.Where(t => t.DeadlineDate <= deadlineTo);
        }
        if (q.BusinessTypeId is { } type)
        {
            tasks = tasks.Where(t => t.BusinessTypeId == type);
        }
        if (q.Status is { } status)
        {
            tasks = tasks.Where(t => t.Status == status);
        }

        var total = await tasks.CountAsync(cancellationToken);
        tasks = (q.Sort, q.Descending) switch
        {
            (TaskSort.Deadline, false) => tasks.OrderBy(t => t.DeadlineUtc).ThenBy(t => t.Id),
            (TaskSort.Deadline, true) => tasks.OrderByDescending(t => t.DeadlineUtc).ThenBy(t => t.Id),
            (TaskSort.Name, false) => tasks.OrderBy(t => t.Name).ThenBy(t => t.Id),
            (TaskSort.Name, true) => tasks.OrderByDescending(t => t.Name).ThenBy(t => t.Id),
            (TaskSort.Number, false) => tasks.OrderBy(t => t.Number),
            (TaskSort.Number, true) => tasks.OrderByDescending(t => t.Number),
            (_, false) => tasks.OrderBy(t => t.CreatedAtUtc).ThenBy(t => t.Id),
            _ => tasks.OrderByDescending(t => t.CreatedAtUtc).ThenBy(t => t.Id),
        };
        var size = Math.Clamp(q.PageSize, 1, MaxPageSize);
        var rows = await tasks.Skip(Math.Max(0, q.Page) * size).Take(size)
            .Select(t => new { t.Id, t.Number, t.Name, t.BusinessTypeName, t.InitiatorName, t.InitiatorUserId, t.Status, t.VoidKind, t.CreatedAtUtc, t.SentAtUtc, t.DeadlineDate })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        // Who holds each task up (its active participants): "where is my document?".
        var active = await db.TaskParticipants.AsNoTracking().Where(p => ids.Contains(p.TaskId) && p.State == ParticipantState.Active)
            .Select(p => new { p.TaskId, p.Name, p.UserId }).ToListAsync(cancellationToken);
        var holders = active.ToLookup(p => p.TaskId, p => p.Name);
        var myTurn = active.Where(p => p.UserId == me).Select(p => p.TaskId).ToHashSet();
        return new TaskPage(rows.Select(r => new TaskListRow(r.Id, r.Number, r.Name, r.BusinessTypeName, r.InitiatorName, r.Status, r.VoidKind,
            r.CreatedAtUtc, r.SentAtUtc, r.DeadlineDate, holders[r.Id].ToList(), r.InitiatorUserId == me,
            r.Status == SigningTaskStatus.InProgress && myTurn.Contains(r.Id))).ToList(), total);
    }

    private static async Task<string> TimeZoneAsync(WriteContext w, CancellationToken cancellationToken) =>
        w.Db.ScopeOrganizationId is { } org
            ? await w.Db.Organizations.Where(o => o.Id == org).Select(o => o.TimeZoneId).FirstAsync(cancellationToken)
            : await w.Db.Users.Where(u => u.Id == w.UserId).Select(u => u.TimeZoneId).FirstAsync(cancellationToken);
}
