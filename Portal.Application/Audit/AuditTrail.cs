using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Audit;

/// <summary>
/// The append-only audit store. Every event is chained to the previous one by hash; appends read and
/// update the single chain head inside the caller's write transaction, so the chain is total. Every
/// <see cref="AuditOptions.CheckpointEvery"/>-th event also gets a signed checkpoint in that transaction (ADR 0018).
/// </summary>
public sealed class AuditTrail(ICurrentUser currentUser, TimeProvider clock, IAuditCheckpointSigner checkpointSigner, AuditOptions options)
{
    /// <summary>Adds an event to <paramref name="db"/> inside its open write transaction; the caller saves and commits.</summary>
    public async Task AppendAsync(IPortalDbContext db, string action, string target, AuditOutcome outcome,
        string? detail = null, Guid? organizationId = null, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit events are appended inside the action's write transaction.");
        }
        var head = await db.LockAuditChainHeadAsync(cancellationToken);
        var e = new AuditEvent
        {
            Sequence = head.LastSequence + 1,
            OccurredAtUtc = clock.GetUtcNow().UtcDateTime,
            ActorUserId = currentUser.UserId,
            OrganizationId = organizationId ?? db.ScopeOrganizationId,
            Action = action,
            Target = target,
            Outcome = outcome,
            Detail = detail,
            IpAddress = currentUser.IpAddress,
            CorrelationId = currentUser.CorrelationId,
            PreviousHash = head.LastHash,
        };
        e.Hash = ComputeHash(e);
        head.LastSequence = e.Sequence;
        head.LastHash = e.Hash;
        db.AuditEvents.Add(e);
        if (checkpointSigner.IsAvailable && options.CheckpointEvery > 0 && e.Sequence % options.CheckpointEvery == 0)
        {
            // One signature every N events, under the write lock on purpose: the head it signs is the one being committed.
            await AddCheckpointAsync(db, e.Sequence, e.Hash, cancellationToken);
        }
    }

    /// <summary>
    /// A checkpoint of the chain head as it is now, in its own write transaction, unless the head already has one (the use case
    /// a timed job calls, so a quiet chain is anchored too). False when there is no key or nothing new to sign.
    /// </summary>
    public async Task<bool> CheckpointHeadAsync(IPortalDbContextFactory dbFactory, CancellationToken cancellationToken = default)
    {
        if (!checkpointSigner.IsAvailable)
        {
            return false;
        }
        await using var db = dbFactory.CreateForScope(null, null);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var head = await db.LockAuditChainHeadAsync(cancellationToken);
        if (head.LastSequence == 0 || await db.AuditCheckpoints.AnyAsync(c => c.Sequence == head.LastSequence, cancellationToken))
        {
            return false;
        }
        await AddCheckpointAsync(db, head.LastSequence, head.LastHash, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    private async Task AddCheckpointAsync(IPortalDbContext db, long sequence, string headHash, CancellationToken cancellationToken)
    {
        var (keyLabel, signature) = await checkpointSigner.SignAsync(AuditCheckpointPayload.Of(sequence, headHash), cancellationToken);
        db.AuditCheckpoints.Add(new AuditCheckpoint
        {
            Sequence = sequence,
            HeadHash = headHash,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            KeyLabel = keyLabel,
            Signature = Convert.ToBase64String(signature),
        });
    }

    /// <summary>Records an event in its own transaction (for events with no other write, e.g. a refused login).</summary>
    public async Task RecordAsync(IPortalDbContextFactory dbFactory, string action, string target, AuditOutcome outcome,
        string? detail = null, Guid? organizationId = null, CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateForScope(organizationId, currentUser.UserId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        await AppendAsync(db, action, target, outcome, detail, organizationId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>SHA-256 over the previous hash and the event's canonical content.</summary>
    public static string ComputeHash(AuditEvent e)
    {
        // Kind-free timestamp: SQLite returns DateTimeKind.Unspecified, SQL Server too.
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            e.Sequence,
            e.OccurredAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            e.ActorUserId?.ToString("D"),
            e.OrganizationId?.ToString("D"),
            e.Action,
            e.Target,
            (int)e.Outcome,
            e.Detail,
            e.IpAddress,
            e.CorrelationId,
        });
        var bytes = Encoding.UTF8.GetBytes(e.PreviousHash + "\n" + canonical);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }
}
