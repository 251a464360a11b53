using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Signing;
using Portal.Application.SigningPins;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Signing;

/// <summary>
/// The policy engine's rule tests: the demo seed with fake seal keys (as the seal tests) and a document signer that reports
/// an HSM pool and checks documents with the real PDF engine, but never signs (signing itself is tested on the real pool
/// in <see cref="SingleSigningHsmTests"/>).
/// </summary>
public sealed class SigningTestKit : IAsyncDisposable
{
    private SigningTestKit(TestDatabase db) => Db = db;

    public TestDatabase Db { get; }
    public Guid Enterprise { get; private set; }
    public Guid University { get; private set; }

    public static readonly byte[] Pdf = TestPdfs.Make(3);

    public static async Task<SigningTestKit> CreateAsync()
    {
        var db = await TestDatabase.CreateAsync(seedDemo: true, s =>
        {
            FakeSealKeys.Register(new FakeSealKeys())(s);
            s.AddSingleton<IDocumentSigner>(sp => new DecisionOnlySigner(
                ActivatorUtilities.CreateInstance<Portal.Infrastructure.Signing.PdfDocumentSigner>(sp,
                    new Portal.Infrastructure.Signing.SigningAvailability(true))));
        });
        var kit = new SigningTestKit(db) { Enterprise = await db.EnterpriseIdAsync(), University = await db.UniversityIdAsync() };
        // Real-name verification is another feature's flow; here the demo members are simply verified.
        await using var ctx = db.Db();
        foreach (var user in await ctx.Users.ToListAsync())
        {
            user.RealNameVerifiedAtUtc = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        }
        await ctx.SaveChangesAsync();
        return kit;
    }

    public Task<Guid> User(string phone) => Db.UserIdAsync(phone);

    public async Task<Seal> SealAsync(Guid org, Func<Seal, bool> match)
    {
        await using var ctx = Db.Db(org);
        return (await ctx.Seals.AsNoTracking().ToListAsync()).Single(match);
    }

    /// <summary>The engine's decision for a user (in the org's scope) at the test clock's now.</summary>
    public async Task<SealUseDecision> DecideAsync(Guid org, Guid userId, Guid sealId, SealUseDocument? document = null)
    {
        await using var scope = Db.As(userId);
        await using var ctx = Db.Db(org, userId);
        return await scope.ServiceProvider.GetRequiredService<SealUsePolicy>()
            .DecideAsync(ctx, userId, sealId, document, Db.Clock.GetUtcNow().UtcDateTime);
    }

    public async Task EditAsync(Guid org, Func<IPortalDbContext, Task> edit)
    {
        await using var ctx = Db.Db(org);
        await edit(ctx);
        await ctx.SaveChangesAsync();
    }

    public async Task SetPinAsync(Guid userId, string pin = "Pin2026")
    {
        var r = await Db.RunAsync<SetSigningPin, Result>(userId, s => s.ExecuteAsync(pin, pin));
        Assert.True(r.Succeeded || r.Error?.Code == Errors.SigningPinAlreadySet, r.Error?.ToString());
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();

    /// <summary>Reports a pool and inspects with the real engine; signing is not part of the rule tests.</summary>
    private sealed class DecisionOnlySigner(IDocumentSigner real) : IDocumentSigner
    {
        public bool IsAvailable => true;

        public long MaxBytes => real.MaxBytes;

        public Result<int> Inspect(byte[] pdf) => real.Inspect(pdf);

        public Result<IReadOnlyList<KeywordHit>> FindKeyword(byte[] pdf, string keyword) => real.FindKeyword(pdf, keyword);

        public Task<Result<SignedPdf>> SignAsync(DocumentSignRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The rule tests never sign.");
    }
}
