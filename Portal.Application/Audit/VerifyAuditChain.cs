using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;

namespace Portal.Application.Audit;

/// <summary>
/// The result of walking the chain: intact, or the first broken link and why. Problems: <c>missing</c>, <c>link</c>,
/// <c>altered</c>, <c>truncated</c> (the chain itself), <c>checkpoint</c> (a signed checkpoint names another head than the
/// chain has at its sequence: the chain was rebuilt), <c>checkpoint-signature</c> (a checkpoint's signature does not verify),
/// <c>checkpoint-unverifiable</c> (checkpoints exist but no audit key is available to check them).
/// </summary>
public sealed record AuditChainReport(bool Intact, long EventsChecked, long? FirstBrokenSequence, string? Problem, long CheckpointsChecked = 0);

/// <summary>
/// Verifies the whole audit chain (platform admins): every link, then every signed checkpoint (ADR 0018); the first broken
/// one is reported. Events before the first checkpoint verify as before.
/// </summary>
public sealed class VerifyAuditChain(IPortalDbContextFactory dbFactory, IAuditCheckpointSigner checkpointSigner, Access access)
{
    /// <summary>The platform admin's check (it reads every tenant's events).</summary>
    public async Task<Result<AuditChainReport>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (access.RequirePlatformRole(Domain.PlatformRoles.PlatformAdmin) is { Succeeded: false } refused)
        {
            return refused.Error!;
        }
        return await WalkAsync(cancellationToken);
    }

    /// <summary>The walk itself, for the platform's own jobs and tests.</summary>
    internal async Task<AuditChainReport> WalkAsync(CancellationToken cancellationToken = default)
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
        long checkpoints = 0;
        var checkpointRows = db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Sequence)
            .Join(db.AuditEvents, c => c.Sequence, e => e.Sequence, (c, e) => new { c.Sequence, c.HeadHash, c.KeyLabel, c.Signature, e.Hash });
        await foreach (var c in checkpointRows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!checkpointSigner.IsAvailable)
            {
                return new AuditChainReport(false, checkedCount, c.Sequence, "checkpoint-unverifiable", checkpoints);
            }
            if (c.HeadHash != c.Hash)
            {
                return new AuditChainReport(false, checkedCount, c.Sequence, "checkpoint", checkpoints);
            }
            byte[] signature;
            try
            {
                signature = Convert.FromBase64String(c.Signature);
            }
            catch (FormatException)
            {
                signature = [];
            }
            if (!checkpointSigner.Verify(c.KeyLabel, AuditCheckpointPayload.Of(c.Sequence, c.HeadHash), signature))
            {
                return new AuditChainReport(false, checkedCount, c.Sequence, "checkpoint-signature", checkpoints);
            }
            checkpoints++;
        }
        // A checkpoint whose event is gone (the join above skips it) means the chain was cut below it.
        var orphan = await db.AuditCheckpoints.AsNoTracking().Where(c => c.Sequence > headSequence).OrderBy(c => c.Sequence)
            .Select(c => (long?)c.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (orphan is { } cut)
        {
            return new AuditChainReport(false, checkedCount, cut, "checkpoint", checkpoints);
        }
        return new AuditChainReport(true, checkedCount, null, null, checkpoints);
    }
}
