using Portal.Application.Common;

namespace Portal.Application.Todos;

/// <summary>待办任务: every pending item the caller may decide in the current space, from all registered sources.</summary>
public sealed class ListTodos(IPortalDbContextFactory dbFactory, Access access, IEnumerable<ITodoSource> sources)
{
    public async Task<Result<IReadOnlyList<TodoRow>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var rows = new List<TodoRow>();
        foreach (var source in sources)
        {
            rows.AddRange(await source.ListAsync(db, me.Value!, cancellationToken));
        }
        return rows.OrderBy(t => t.CreatedAtUtc).ToList();
    }

    /// <summary>The nav badge: how many items wait for the caller (0 outside a space).</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        var rows = await ExecuteAsync(cancellationToken);
        return rows.Succeeded ? rows.Value!.Count : 0;
    }

    /// <summary>Approves or rejects the item through the source that listed it.</summary>
    public Task<Result> DecideAsync(TodoRow row, bool approve, string? reason, CancellationToken cancellationToken = default) =>
        sources.FirstOrDefault(s => s.Kind == row.Kind) is { } source
            ? source.DecideAsync(row.Id, approve, reason, cancellationToken)
            : Task.FromResult(Result.Fail(Errors.NotFound));
}
