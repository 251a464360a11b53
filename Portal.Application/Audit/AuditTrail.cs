using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Audit;

/// <summary>
/// The append-only audit store. Every event is chained to the previous one by hash; appends read and
/// update the single chain head inside the caller's write transaction, so the chain is total.
/// </summary>
public sealed class AuditTrail(ICurrentUser currentUser, TimeProvider clock)
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
