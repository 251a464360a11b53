using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Seals;

/// <summary>The demo seed with fake seal keys, and short-hands the seal tests share.</summary>
public sealed class SealTestKit : IAsyncDisposable
{
    private SealTestKit(TestDatabase db, FakeSealKeys keys)
    {
        Db = db;
        Keys = keys;
    }

    public TestDatabase Db { get; }
    public FakeSealKeys Keys { get; }
    public Guid Enterprise { get; private set; }
    public Guid University { get; private set; }

    public static async Task<SealTestKit> CreateAsync()
    {
        var keys = new FakeSealKeys();
        var db = await TestDatabase.CreateAsync(seedDemo: true, FakeSealKeys.Register(keys));
        return new SealTestKit(db, keys) { Enterprise = await db.EnterpriseIdAsync(), University = await db.UniversityIdAsync() };
    }

    public Task<Guid> User(string phone) => Db.UserIdAsync(phone);

    public async Task<Seal> SealAsync(Guid org, Func<Seal, bool> match)
    {
        await using var ctx = Db.Db(org);
        return (await ctx.Seals.AsNoTracking().ToListAsync()).Single(match);
    }

    public async Task<List<SealGrant>> GrantsAsync(Guid org, Guid sealId)
    {
        await using var ctx = Db.Db(org);
        return await ctx.SealGrants.AsNoTracking().Where(g => g.SealId == sealId).ToListAsync();
    }

    public Task<T> Run<TUseCase, T>(string phone, Func<TUseCase, Task<T>> act) where TUseCase : notnull =>
        RunAs(phone, act);

    private async Task<T> RunAs<TUseCase, T>(string phone, Func<TUseCase, Task<T>> act) where TUseCase : notnull =>
        await Db.RunAsync(await User(phone), act);

    /// <summary>Changes the organization's policy directly (the editor's use case has its own tests).</summary>
    public async Task EditPolicyAsync(Guid org, Action<SealPolicy> edit)
    {
        await using var ctx = Db.Db(org);
        var policy = await SealPolicies.FindAsync(ctx, org) ?? throw new InvalidOperationException("no policy");
        edit(policy);
        foreach (var r in policy.Rules)
        {
            r.ConcurrencyStamp = Guid.NewGuid();
        }
        policy.ConcurrencyStamp = Guid.NewGuid();
        await ctx.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
