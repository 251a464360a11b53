using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Storage;

namespace Portal.Infrastructure.Persistence;

/// <summary>
/// One queue per SQLite database file for the writers of this process. SQLite allows one writer; when several ask at once,
/// Microsoft.Data.Sqlite retries BEGIN IMMEDIATE with a blocking sleep and no order, so under load some writers starve and
/// fail with "database is locked". Here they wait their turn asynchronously, first come first served
/// (<see cref="SemaphoreSlim"/> releases async waiters in order), and only the holder talks to SQLite.
/// </summary>
internal sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);

    // A writer that waits this long is stuck behind a unit that never ends (or started a write inside another write on a
    // second connection, which can never get the lock): fail it as SQLite's own busy timeout (30 s) did.
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _turn = new(1, 1);

    public static SqliteWriteGate For(string? connectionString) => Gates.GetOrAdd(connectionString ?? "", _ => new SqliteWriteGate());

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _turn.WaitAsync(MaxWait, cancellationToken))
        {
            throw new TimeoutException($"No write turn on the database within {MaxWait.TotalSeconds:0} s.");
        }
        return new Turn(this);
    }

    private sealed class Turn(SqliteWriteGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate._turn.Release();
            }
        }
    }
}

/// <summary>A write transaction that gives its turn back when it ends (commit, rollback or dispose).</summary>
internal sealed class GatedTransaction(IDbContextTransaction inner, IDisposable turn) : IDbContextTransaction
{
    public Guid TransactionId => inner.TransactionId;

    public void Commit() => inner.Commit();

    public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);

    public void Rollback() => inner.Rollback();

    public Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);

    public void Dispose()
    {
        try
        {
            inner.Dispose();
        }
        finally
        {
            turn.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await inner.DisposeAsync();
        }
        finally
        {
            turn.Dispose();
        }
    }
}
