using Portal.Application.Common;

namespace Portal.Application.Todos;

/// <summary>待办任务: every pending item the caller may decide in the current space, from all registered sources.</summary>
public sealed class ListTodos(WriteUnit unit, IEnumerable<ITodoSource> sources)
{
    public Task<Result<IReadOnlyList<TodoRow>>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<TodoRow>>(Write.InSpace(), async read =>
        {
            var rows = new List<TodoRow>();
            foreach (var source in sources)
            {
                rows.AddRange(await source.ListAsync(read.Db, read.Me!, cancellationToken));
            }
            return rows.OrderBy(t => t.CreatedAtUtc).ToList();
        }, cancellationToken);

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
