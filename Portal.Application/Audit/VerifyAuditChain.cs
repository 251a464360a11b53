using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;

namespace Portal.Application.Audit;

/// <summary>The result of walking the chain: intact, or the first broken link and why.</summary>
public sealed record AuditChainReport(bool Intact, long EventsChecked, long? FirstBrokenSequence, string? Problem);

/// <summary>Verifies the whole audit chain (platform admins).</summary>
public sealed class VerifyAuditChain(IPortalDbContextFactory dbFactory)
{
    public async Task<AuditChainReport> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateForScope(null, null);
        var head = await db.AuditChainHeads.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var previousHash = "";
        long expected = 1;
        long checkedCount = 0;
        // Stream in sequence order; memory stays flat however long the chain is.
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(x => x.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (e.Sequence != expected)
            {
                return new AuditChainReport(false, checkedCount, expected, "missing");
            }
            if (e.PreviousHash != previousHash)
            {
                return new AuditChainReport(false, checkedCount, e.Sequence, "link");
            }
            if (AuditTrail.ComputeHash(e) != e.Hash)
            {
                return new AuditChainReport(false, checkedCount, e.Sequence, "altered");
            }
            previousHash = e.Hash;
            expected++;
            checkedCount++;
        }
        var headSequence = head?.LastSequence ?? 0;
        if (headSequence != checkedCount || (head?.LastHash ?? "") != previousHash)
        {
            return new AuditChainReport(false, checkedCount, checkedCount + 1, "truncated");
        }
        return new AuditChainReport(true, checkedCount, null, null);
    }
}
