using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>作废记录 of the organization, newest first.</summary>
public sealed class ListSealVoidRecords(WriteUnit unit)
{
    public Task<Result<IReadOnlyList<SealVoidRecord>>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<SealVoidRecord>>(Write.InSpace(), async read =>
        {
            return await read.Db.SealVoidRecords.AsNoTracking().OrderByDescending(r => r.VoidedAtUtc).ToListAsync(cancellationToken);
        }, cancellationToken);
}
