using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningTasks;

/// <summary>
/// Who sees a task (issue 14 "Who sees what"): the initiator; the owner of the initiating organization (sent tasks); every
/// participant whose turn has come; CC recipients once it is sent. Nobody else, in any tenant — a task outside this rule is
/// "not found", never "forbidden", so its existence does not leak.
/// </summary>
public sealed class TaskAccess(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, ICurrentSpace currentSpace)
{
    /// <summary>The unit scope for work on <paramref name="taskId"/>: its organization (the caller must be a member) or the personal space.</summary>
    public async Task<Result<Write>> ScopeOfAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<Write>.Fail(Errors.NotSignedIn);
        }
        // Routing only (which space the task lives in); what the caller may see is decided in that scope.
        await using var db = dbFactory.CreateForScope(null, userId);
        var task = await db.SigningTasks.IgnoreQueryFilters().Where(t => t.Id == taskId)
            .Select(t => new { t.OrganizationId, t.InitiatorUserId }).FirstOrDefaultAsync(cancellationToken);
        if (task is null)
        {
            return Result<Write>.Fail(Errors.NotFound);
        }
        if (task.OrganizationId is { } org)
        {
            var member = await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.OrganizationId == org && m.UserId == userId, cancellationToken);
            return member ? Write.InOrganization(org) : Result<Write>.Fail(Errors.NotFound);
        }
        return task.InitiatorUserId == userId ? Write.AsUser() : Result<Write>.Fail(Errors.NotFound);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write unit scoped to the task's space, on the task loaded whole and tracked — or
    /// answers NotFound, without a unit, when the caller may not see it. The start of every command on one task.
    /// </summary>
    public async Task<Result> RunOnVisibleAsync(WriteUnit unit, Guid taskId, Func<WriteContext, SigningTask, Task<Result>> work,
        CancellationToken cancellationToken = default)
    {
        var scope = await ScopeOfAsync(taskId, cancellationToken);
        if (!scope.Succeeded)
        {
            return scope.Error!;
        }
        return await unit.RunAsync(scope.Value!, async w =>
        {
            var loaded = await LoadVisibleAsync(w, taskId, cancellationToken);
            return loaded.Succeeded ? await work(w, loaded.Value!) : loaded.Error!;
        }, cancellationToken);
    }

    /// <summary>The same for a read: no lock, the task loaded whole, NotFound when the caller may not see it.</summary>
    public async Task<Result<T>> ReadVisibleAsync<T>(WriteUnit unit, Guid taskId, Func<WriteContext, SigningTask, Task<Result<T>>> read,
        CancellationToken cancellationToken = default)
    {
        var scope = await ScopeOfAsync(taskId, cancellationToken);
        if (!scope.Succeeded)
        {
            return scope.Error!;
        }
        return await unit.ReadAsync(scope.Value!, async w =>
        {
            var loaded = await LoadVisibleAsync(w, taskId, cancellationToken);
            return loaded.Succeeded ? await read(w, loaded.Value!) : loaded.Error!;
        }, cancellationToken);
    }

    /// <summary>The scope of the caller's current space: an organization (member) or personal.</summary>
    public async Task<Write> CurrentSpaceAsync(CancellationToken cancellationToken = default) =>
        await currentSpace.GetOrganizationIdAsync(cancellationToken) is { } org ? Write.InOrganization(org) : Write.AsUser();

    /// <summary>Whether the caller (with their membership in the task's organization) may see the task.</summary>
    public static bool IsVisible(SigningTask task, Guid userId, Membership? me) =>
        task.InitiatorUserId == userId
        || (task.Status != SigningTaskStatus.Draft && task.OrganizationId is not null && me is not null && me.Has(OrgRoles.Owner)
            && me.OrganizationId == task.OrganizationId)
        || task.Participants.Any(p => p.UserId == userId && p.ActivatedAtUtc != null)
        || (task.Status != SigningTaskStatus.Draft && task.CcRecipients.Any(c => c.UserId == userId));

    /// <summary>The same rule as a query (lists).</summary>
    public static IQueryable<SigningTask> Visible(IQueryable<SigningTask> tasks, Guid userId, bool owner) =>
        tasks.Where(t => t.InitiatorUserId == userId
            || (owner && t.Status != SigningTaskStatus.Draft)
            || t.Participants.Any(p => p.UserId == userId && p.ActivatedAtUtc != null)
            || (t.Status != SigningTaskStatus.Draft && t.CcRecipients.Any(c => c.UserId == userId)));

    /// <summary>Loads a task with everything (tracked) in the unit's scope, or NotFound when the caller may not see it.</summary>
    public static async Task<Result<SigningTask>> LoadVisibleAsync(WriteContext w, Guid taskId, CancellationToken cancellationToken)
    {
        var task = await LoadAsync(w.Db, taskId, cancellationToken);
        return task is not null && (w.UserId is null || IsVisible(task, w.UserId.Value, w.Me)) ? task : Result<SigningTask>.Fail(Errors.NotFound);
    }

    public static Task<SigningTask?> LoadAsync(IPortalDbContext db, Guid taskId, CancellationToken cancellationToken) =>
        db.SigningTasks.Include(t => t.Documents).Include(t => t.Participants).ThenInclude(p => p.Positions).Include(t => t.CcRecipients)
            .FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
}
