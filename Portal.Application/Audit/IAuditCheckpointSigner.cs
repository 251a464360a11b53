using System.Globalization;
using System.Text;

namespace Portal.Application.Audit;

/// <summary>
/// Signs audit checkpoints with the platform's audit key (ADR 0018). The production adapter signs through the HSM pool, as the
/// platform CA does; without a pool there is none (<see cref="IsAvailable"/> false) and no checkpoints are written.
/// </summary>
public interface IAuditCheckpointSigner
{
    bool IsAvailable { get; }

    /// <summary>Signs <paramref name="payload"/>; returns the key's label (kept with the checkpoint) and the signature.</summary>
    Task<(string KeyLabel, byte[] Signature)> SignAsync(byte[] payload, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="signature"/> over <paramref name="payload"/> was made by the key <paramref name="keyLabel"/>.</summary>
    bool Verify(string keyLabel, byte[] payload, byte[] signature);
}

/// <summary>No audit key (no HSM pool): checkpoints are not written, and existing ones cannot be verified.</summary>
public sealed class NoAuditCheckpointSigner : IAuditCheckpointSigner
{
    public bool IsAvailable => false;

    public Task<(string KeyLabel, byte[] Signature)> SignAsync(byte[] payload, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("No audit checkpoint key: an HSM pool is needed.");

    public bool Verify(string keyLabel, byte[] payload, byte[] signature) => false;
}

/// <summary>Configuration section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    /// <summary>A signed checkpoint every this many events, written in the transaction that appends the N-th one.</summary>
    public int CheckpointEvery { get; set; } = 100;
}

/// <summary>What a checkpoint signs: a fixed prefix, the sequence and the chain head hash at it.</summary>
public static class AuditCheckpointPayload
{
    public static byte[] Of(long sequence, string headHash) =>
        Encoding.UTF8.GetBytes("portal-audit-checkpoint/1\n" + sequence.ToString(CultureInfo.InvariantCulture) + "\n" + headHash);
}
