using Microsoft.Playwright;
using Portal.Tests.Support;

namespace Portal.Tests.E2E;

/// <summary>我的签名 in Chromium: the canvas pad records a drawn signature that is saved cleaned, and the name seal is made.</summary>
[Collection(E2ECollection.Name)]
public class PersonalSignaturesE2ETests(E2EFixture fx)
{
    [Fact]
    public async Task A_person_draws_a_signature_on_the_pad_saves_it_and_makes_a_name_seal()
    {
        var page = await fx.NewPageAsync();
        await Steps.LoginAsync(page, Demo.EnterpriseLegalRep); // 刘洋: real-name verified by the seed
        await page.GotoAsync("/personal/signatures");
        await Steps.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=no-signatures]").WaitForAsync();

        // An empty pad is refused in place.
        await page.ClickAsync("[data-testid=handwritten-save]");
        await Assertions.Expect(page.Locator("[data-testid=signature-error]")).ToContainTextAsync("画板");

        var box = (await page.Locator("[data-testid=signature-pad]").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 60, box.Y + (box.Height * 0.7f));
        await page.Mouse.DownAsync();
        foreach (var (x, y) in new[] { (0.3f, 0.2f), (0.5f, 0.75f), (0.7f, 0.25f), (0.85f, 0.6f) })
        {
            await page.Mouse.MoveAsync(box.X + (box.Width * x), box.Y + (box.Height * y), new() { Steps = 8 });
        }
        await page.Mouse.UpAsync();
        await page.ClickAsync("[data-testid=handwritten-save]");
        await Assertions.Expect(page.Locator("[data-testid=signature-card]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=signature-default]")).ToHaveCountAsync(1);
        Assert.StartsWith("data:image/png;base64,", await page.Locator("[data-testid=signature-image]").GetAttributeAsync("src"));

        await page.ClickAsync("[data-testid=name-seal-make]");
        await Assertions.Expect(page.Locator("[data-testid=signature-card]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=signature-name]", new() { HasText = "刘洋" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=name-seal-make]")).ToBeDisabledAsync(); // one name seal at a time
        await Steps.ScreenshotAsync(page, "personal-signatures");
    }
}
