using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Infrastructure.Signing;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Signing;

/// <summary>The audit checkpoint key in a real SoftHSM2 pool: registered once, signs in the appending transaction, verifies.</summary>
[Collection(SoftHsmCollection.Name)]
public class HsmAuditCheckpointSignerTests(SoftHsmFixture hsm)
{
    [Fact]
    public async Task Checkpoints_are_signed_by_the_pool_key_and_a_moved_signature_is_caught()
    {
        await using var db = await TestDatabase.CreateAsync(configure: s =>
        {
            s.AddSingleton(new SigningAvailability(true));
            s.AddSingleton<IPinProvider>(hsm.Pins);
            s.AddSingleton(hsm.Pool);
            s.AddSingleton<HsmAuditCheckpointSigner>();
            s.AddSingleton<IAuditCheckpointSigner>(sp => sp.GetRequiredService<HsmAuditCheckpointSigner>());
            s.AddSingleton(new AuditOptions { CheckpointEvery = 3 });
        });
        var signer = db.Services.GetRequiredService<HsmAuditCheckpointSigner>();
        Assert.False(signer.IsAvailable);
        await signer.InitializeAsync();
        await signer.InitializeAsync();
        var registered = await db.Services.GetRequiredService<IKeyRegistry>().FindByPurposeAsync(HsmAuditCheckpointSigner.Purpose);
        Assert.NotNull(registered);

        for (var i = 0; i < 7; i++)
        {
            await using var scope = db.As(Guid.NewGuid());
            await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(
                scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>(), $"hsm.test.{i}", "target", AuditOutcome.Success);
        }
        async Task<AuditChainReport> VerifyAsync()
        {
            await using var scope = db.As(null);
            return await scope.ServiceProvider.GetRequiredService<VerifyAuditChain>().WalkAsync();
        }
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Problem);
        Assert.Equal(2, report.CheckpointsChecked);

        await using (var ctx = db.Db())
        {
            var checkpoints = await ctx.AuditCheckpoints.OrderBy(c => c.Sequence).ToListAsync();
            Assert.All(checkpoints, c => Assert.Equal(registered!.KeyId, c.KeyLabel));
            // A genuine signature, but over another checkpoint: it does not verify here.
            checkpoints[0].Signature = checkpoints[1].Signature;
            await ctx.SaveChangesAsync();
        }
        report = await VerifyAsync();
        Assert.Equal((3L, "checkpoint-signature"), (report.FirstBrokenSequence, report.Problem));
    }
}
