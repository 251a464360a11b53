using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Signing.Pkcs11;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Support;

namespace Portal.Tests.E2E;

/// <summary>A portal that signs through the SoftHSM2 pool (the collection's shared portal has none).</summary>
public sealed class PoolPortal(SoftHsmFixture hsm) : PortalWebFactory(kestrel: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Hsm:Tokens:0", SoftHsmFixture.TokenA);
        builder.UseSetting("Hsm:Tokens:1", SoftHsmFixture.TokenB);
        // The fixture's pool, not a second one: PKCS#11 login state is per process and token, so a second pool's
        // disposal (closing its sessions) would log the fixture's sessions out under the rest of the collection.
        builder.ConfigureServices(s =>
        {
            s.AddSingleton<IPinProvider>(hsm.Pins);
            s.AddSingleton(hsm.Pool);
        });
    }
}

/// <summary>
/// The browser tests that sign: each class gets its own <see cref="PoolPortal"/> (its tests change demo grants, seals and
/// policies, which another class must not see), shared by the class's tests, and opens pages in the collection's one browser.
/// </summary>
public abstract class PoolPortalTests(E2EFixture fx, SoftHsmFixture hsm) : IAsyncLifetime
{
    protected PoolPortal Site { get; private set; } = null!;

    public async Task InitializeAsync() => Site = await fx.PoolPortalForAsync(GetType(), hsm);

    public Task DisposeAsync() => Task.CompletedTask;

    protected async Task<IPage> LoginAsync(string phone)
    {
        var page = await fx.Chromium.NewPageAsync(Site.ServerAddress, height: 900, timeoutMs: 30_000);
        await Steps.LoginAsync(page, phone);
        return page;
    }

    protected static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Steps.WaitInteractiveAsync(page);
    }
}
