using Microsoft.Playwright;
using Portal.Tests.Support;

namespace Portal.Tests.E2E;

/// <summary>The real portal on Kestrel (loopback, free port) for a real browser.</summary>
public sealed class KestrelPortalFactory() : PortalWebFactory(kestrel: true);

/// <summary>One running portal and one headless Debian Chromium for the whole E2E collection.</summary>
public sealed class E2EFixture : IAsyncLifetime
{
    public static readonly string ArtifactsDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "artifacts"));

    private ChromiumBrowser? _chromium;

    public KestrelPortalFactory Portal { get; } = new();
    public IBrowser Browser => _chromium!.Browser;

    /// <summary>The collection's one browser (the signing tests open their pages on their own portal in it).</summary>
    public ChromiumBrowser Chromium => _chromium!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ArtifactsDir);
        BaseUrl = Portal.ServerAddress.TrimEnd('/');
        _chromium = await ChromiumBrowser.LaunchAsync();
    }

    private Type? _poolOwner;
    private PoolPortal? _pool;

    /// <summary>
    /// The signing portal of a test class: made for its first test and kept for the rest (a start costs seconds); the next class
    /// gets a fresh one, so no class sees another's changes. The collection runs its classes one after another.
    /// </summary>
    public async Task<PoolPortal> PoolPortalForAsync(Type testClass, Portal.Tests.Signing.Pkcs11.SoftHsmFixture hsm)
    {
        if (_pool is not null && _poolOwner == testClass)
        {
            return _pool;
        }
        if (_pool is not null)
        {
            await _pool.DisposeAsync();
        }
        _pool = new PoolPortal(hsm);
        _poolOwner = testClass;
        return _pool;
    }

    public async Task DisposeAsync()
    {
        if (_pool is not null)
        {
            await _pool.DisposeAsync();
        }
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
        await Portal.DisposeAsync();
    }

    /// <summary>A fresh browser context (own cookies) with a page on the portal.</summary>
    public Task<IPage> NewPageAsync() => _chromium!.NewPageAsync(BaseUrl);
}

/// <summary>
/// Browser tests run alone, after the parallel collections (a portal under CPU contention let a dialog's submit race its
/// fields). The ones that sign start their own portal over the SoftHSM2 tokens with this collection's pool fixture.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>, ICollectionFixture<Portal.Tests.Signing.Pkcs11.SoftHsmFixture>
{
    public const string Name = "E2E";
}

/// <summary>Steps a person takes, shared by the E2E tests.</summary>
public static class Steps
{
    public static async Task LoginAsync(IPage page, string phone, string password = Portal.Application.Seeding.DemoSeed.Password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("[data-testid=phone]", phone);
        await page.FillAsync("[data-testid=password]", password);
        await page.ClickAsync("[data-testid=login]");
        await WaitInteractiveAsync(page);
    }

    /// <summary>Clicks before the circuit is up are lost: wait for the layout to report interactivity.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("[data-testid=interactive]:text('True')", new() { State = WaitForSelectorState.Attached });

    /// <summary>Clicks something that reloads the page (space or language switch) and waits for the new circuit.</summary>
    public static async Task ClickAndReloadAsync(IPage page, string selector)
    {
        await page.EvaluateAsync("() => { window.__beforeReload = true; }");
        await page.ClickAsync(selector);
        await page.WaitForFunctionAsync("() => window.__beforeReload === undefined");
        await WaitInteractiveAsync(page);
    }

    public static async Task<string[]> NavAreasAsync(IPage page)
    {
        var links = page.Locator("[data-testid=nav] [data-area]");
        var count = await links.CountAsync();
        var areas = new string[count];
        for (var i = 0; i < count; i++)
        {
            areas[i] = (await links.Nth(i).GetAttributeAsync("data-area"))!;
        }
        return areas;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.ArtifactsDir, name + ".png"), FullPage = true });
}
