using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Audit;

public class AuditChainTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        for (var i = 0; i < 5; i++)
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

    private async Task SqlAsync(string sql)
    {
        await using var ctx = _db.Db();
        await ctx.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task An_untouched_chain_is_intact()
    {
        var report = await VerifyAsync();
        Assert.True(report.Intact);
        Assert.Equal(5, report.EventsChecked);
    }

    [Fact]
    public async Task An_altered_event_is_the_first_broken_link()
    {
        await SqlAsync("UPDATE AuditEvents SET Target = 'someone else' WHERE Sequence = 3");
        var report = await VerifyAsync();
        Assert.False(report.Intact);
        Assert.Equal(3, report.FirstBrokenSequence);
        Assert.Equal("altered", report.Problem);
    }

    [Fact]
    public async Task An_altered_event_with_a_recomputed_hash_breaks_the_next_link()
    {
        // A forger who recomputes the altered row's own hash still breaks the link from row 3.
        await using (var ctx = _db.Db())
        {
            var e = await ctx.AuditEvents.SingleAsync(x => x.Sequence == 2);
            e.Detail = "forged";
            e.Hash = AuditTrail.ComputeHash(e);
            await ctx.SaveChangesAsync();
        }
        var report = await VerifyAsync();
        Assert.Equal(3, report.FirstBrokenSequence);
        Assert.Equal("link", report.Problem);
    }

    [Fact]
    public async Task A_deleted_event_is_detected()
    {
        await SqlAsync("DELETE FROM AuditEvents WHERE Sequence = 2");
        var report = await VerifyAsync();
        Assert.Equal(2, report.FirstBrokenSequence);
        Assert.Equal("missing", report.Problem);
    }

    [Fact]
    public async Task Deleting_the_newest_events_is_detected()
    {
        await SqlAsync("DELETE FROM AuditEvents WHERE Sequence >= 4");
        var report = await VerifyAsync();
        Assert.False(report.Intact);
        Assert.Equal("truncated", report.Problem);
    }

    [Fact]
    public async Task Parallel_appends_make_one_total_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            for (var j = 0; j < 5; j++)
            {
                await RecordAsync($"parallel.{i}.{j}");
            }
        })));
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Problem);
        Assert.Equal(45, report.EventsChecked);
    }

    [Fact]
    public async Task Appending_outside_a_write_transaction_is_refused()
    {
        await using var scope = _db.As(null);
        await using var ctx = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, null);
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => audit.AppendAsync(ctx, "x", "y", AuditOutcome.Success));
    }
}
