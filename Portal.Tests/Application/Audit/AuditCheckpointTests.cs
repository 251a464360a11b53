using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Audit;

/// <summary>
/// Signed checkpoints of the audit chain (ADR 0018): every N events in the appending transaction, and on demand for the job.
/// The key here is a software ECDSA key standing in for the pool's (the HSM adapter has its own test with SoftHSM2).
/// </summary>
public class AuditCheckpointTests : IAsyncLifetime
{
    private const int Every = 4;
    private TestDatabase _db = null!;

    /// <summary>A software stand-in for the pool's audit key.</summary>
    private sealed class SoftwareSigner : IAuditCheckpointSigner
    {
        private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        public bool IsAvailable => true;

        public Task<(string KeyLabel, byte[] Signature)> SignAsync(byte[] payload, CancellationToken cancellationToken = default) =>
            Task.FromResult(("test-key", _key.SignData(payload, HashAlgorithmName.SHA256)));

        public bool Verify(string keyLabel, byte[] payload, byte[] signature) =>
            keyLabel == "test-key" && _key.VerifyData(payload, signature, HashAlgorithmName.SHA256);
    }

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(configure: s =>
        {
            s.AddSingleton<IAuditCheckpointSigner>(new SoftwareSigner());
            s.AddSingleton(new AuditOptions { CheckpointEvery = Every });
        });
        for (var i = 0; i < 10; i++)
        {
            await RecordAsync($"test.action.{i}");
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task RecordAsync(string action)
    {
        await using var scope = _db.As(Guid.NewGuid());
        await scope.ServiceProvider.GetRequiredService<AuditTrail>()
            .RecordAsync(scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>(), action, "target", AuditOutcome.Success, "detail");
    }

    private async Task<AuditChainReport> VerifyAsync()
    {
        await using var scope = _db.As(null);
        return await scope.ServiceProvider.GetRequiredService<VerifyAuditChain>().WalkAsync();
    }

    [Fact]
    public async Task Every_nth_event_is_checkpointed_in_its_transaction_and_the_chain_verifies()
    {
        await using (var ctx = _db.Db())
        {
            Assert.Equal([4L, 8L], await ctx.AuditCheckpoints.OrderBy(c => c.Sequence).Select(c => c.Sequence).ToListAsync());
            var eighth = await ctx.AuditEvents.SingleAsync(e => e.Sequence == 8);
            Assert.Equal(eighth.Hash, (await ctx.AuditCheckpoints.SingleAsync(c => c.Sequence == 8)).HeadHash);
        }
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Problem);
        Assert.Equal((10L, 2L), (report.EventsChecked, report.CheckpointsChecked));

        // The job's use case anchors the head (10) once; again it has nothing to do.
        await using (var scope = _db.As(null))
        {
            var job = scope.ServiceProvider.GetRequiredService<CheckpointAuditChain>();
            Assert.True(await job.ExecuteAsync());
            Assert.False(await job.ExecuteAsync());
        }
        Assert.Equal(3L, (await VerifyAsync()).CheckpointsChecked);
    }

    [Fact]
    public async Task A_chain_rebuilt_by_a_database_writer_fails_at_the_first_checkpoint_it_contradicts()
    {
        // The writer alters event 2 and recomputes every later hash and the head: the links all hold again.
        await using (var ctx = _db.Db())
        {
            var events = await ctx.AuditEvents.OrderBy(e => e.Sequence).ToListAsync();
            events[1].Detail = "forged";
            var previous = events[0].Hash;
            foreach (var e in events.Skip(1))
            {
                e.PreviousHash = previous;
                e.Hash = AuditTrail.ComputeHash(e);
                previous = e.Hash;
            }
            var head = await ctx.AuditChainHeads.SingleAsync();
            head.LastHash = previous;
            await ctx.SaveChangesAsync();
        }
        var report = await VerifyAsync();
        Assert.False(report.Intact);
        Assert.Equal((4L, "checkpoint"), (report.FirstBrokenSequence, report.Problem));

        // Re-pointing the checkpoint at the new head needs the key: its signature no longer verifies.
        await using (var ctx = _db.Db())
        {
            foreach (var c in await ctx.AuditCheckpoints.ToListAsync())
            {
                c.HeadHash = await ctx.AuditEvents.Where(e => e.Sequence == c.Sequence).Select(e => e.Hash).SingleAsync();
            }
            await ctx.SaveChangesAsync();
        }
        report = await VerifyAsync();
        Assert.Equal((4L, "checkpoint-signature"), (report.FirstBrokenSequence, report.Problem));
    }

    [Fact]
    public async Task Deleting_the_tail_with_its_checkpoint_rows_left_behind_is_detected()
    {
        await using (var ctx = _db.Db())
        {
            // The writer cuts the chain back to 6 and fixes the head, but the signed checkpoint at 8 remains.
            await ctx.Database.ExecuteSqlRawAsync("DELETE FROM AuditEvents WHERE Sequence > 6");
            var head = await ctx.AuditChainHeads.SingleAsync();
            head.LastSequence = 6;
            head.LastHash = await ctx.AuditEvents.Where(e => e.Sequence == 6).Select(e => e.Hash).SingleAsync();
            await ctx.SaveChangesAsync();
        }
        var report = await VerifyAsync();
        Assert.Equal((8L, "checkpoint"), (report.FirstBrokenSequence, report.Problem));
    }
}
