using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;

namespace Portal.Tests.E2E;

/// <summary>The steps of a countersign (校内多人会签) in the browser, shared by the task E2E tests.</summary>
public static class TaskSteps
{
    public static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Steps.WaitInteractiveAsync(page);
    }

    /// <summary>A PDF of <paramref name="pages"/> pages with this name in a fresh test folder.</summary>
    public static async Task<string> PdfFileAsync(string name, int pages = 1)
    {
        var file = Path.Combine(TestTemp.NewFolder("e2e-task"), name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, TestPdfs.Make(pages));
        return file;
    }

    /// <summary>
    /// The initiator composes a task on /signing/tasks/new — name, one PDF, the signers picked from the directory and put in this
    /// order (the last one dragged into place; each signing as a person) — and sends it; returns the new task's id (the page goes to the task's route).
    /// </summary>
    public static async Task<Guid> ComposeAndSendAsync(IPage page, string name, string pdf, bool allowRefusal, params string[] signers)
    {
        await GoAsync(page, "/signing/tasks/new");
        await page.FillAsync("[data-testid=task-name]", name);
        await page.Locator("input[type=file]").SetInputFilesAsync(pdf);
        await Assertions.Expect(page.Locator("[data-testid=task-document]")).ToHaveCountAsync(1);
        // Two or more signers: the last is added first, then dragged below the others in the order panel (drag to reorder).
        string[] added = signers.Length > 1 ? [signers[^1], .. signers[..^1]] : signers;
        foreach (var signer in added)
        {
            await page.FillAsync("[data-testid=directory-search]", signer);
            var row = page.Locator("[data-testid=directory-person]", new() { HasText = signer });
            await Assertions.Expect(page.Locator("[data-testid=directory-person]")).ToHaveCountAsync(1);
            await row.Locator("[data-testid=add-participant]").ClickAsync();
            var card = page.Locator($"[data-testid=participant][data-name='{signer}']");
            await card.WaitForAsync();
            if (allowRefusal)
            {
                await card.Locator("[data-testid=participant-refusal] input, input[data-testid=participant-refusal]").CheckAsync();
            }
        }
        if (signers.Length > 1)
        {
            // The drag's events as the browser sends them, one after the other (the circuit handles each before the next).
            // Playwright's own mouse drag (DragToAsync, or down/move/up) started no HTML5 drag here — the panel never entered its
            // dragging state; Playwright >= 1.57 has an open Chromium drag report, microsoft/playwright#38796 — so the events
            // are dispatched to the same elements.
            var source = page.Locator($"[data-testid=order-item][data-name='{signers[^1]}']");
            var target = page.Locator($"[data-testid=order-item][data-name='{signers[^2]}']");
            var data = await page.EvaluateHandleAsync("() => new DataTransfer()");
            await source.DispatchEventAsync("dragstart", new Dictionary<string, object> { ["dataTransfer"] = data });
            await page.WaitForTimeoutAsync(300);
            await target.DispatchEventAsync("dragenter", new Dictionary<string, object> { ["dataTransfer"] = data });
            await page.WaitForTimeoutAsync(300);
            await target.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = data });
            await source.DispatchEventAsync("dragend", new Dictionary<string, object> { ["dataTransfer"] = data });
        }
        await Assertions.Expect(page.Locator("[data-testid=participant-name]")).ToHaveTextAsync(signers);
        await Steps.ScreenshotAsync(page, "task-compose");
        await page.ClickAsync("[data-testid=task-send]");
        try
        {
            await page.WaitForURLAsync(new Regex(@"/signing/tasks/[0-9a-f-]{36}$"));
        }
        catch (TimeoutException)
        {
            await Steps.ScreenshotAsync(page, "task-send-failed");
            throw;
        }
        return Guid.Parse(page.Url[^36..]);
    }
}
