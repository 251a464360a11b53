using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.SigningTasks;
using Portal.Tests.Support;

namespace Portal.Tests.E2E;

/// <summary>
/// 校内多人会签 at 示例学院 in Chromium, without the HSM (nobody signs here): 黄磊 sends 周杰 a task he may refuse; 周杰
/// refuses with a reason and 黄磊 sees the task void and why. Then a task passes its deadline (the expiry job's use case runs,
/// no waiting) and both the signer and the initiator see it void as expired, and the initiator is told by SMS.
/// Signing itself through the UI is in <see cref="SigningTaskHsmE2ETests"/>.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class SigningTaskE2ETests(E2EFixture fixture)
{
    private async Task<IPage> LoginAsync(string phone)
    {
        var page = await fixture.NewPageAsync();
        await Steps.LoginAsync(page, phone);
        return page;
    }

    private async Task<List<string>> SmsToAsync(string phone)
    {
        await using var scope = fixture.Portal.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, null);
        return await db.SmsOutbox.Where(m => m.Phone == phone).OrderBy(m => m.Id).Select(m => m.Text).ToListAsync();
    }

    [Fact]
    public async Task A_signer_refuses_with_a_reason_the_task_is_void_and_the_initiator_sees_why()
    {
        var huang = await LoginAsync(Demo.CsHead);
        var pdf = await TaskSteps.PdfFileAsync("课题评审意见.pdf");
        var id = await TaskSteps.ComposeAndSendAsync(huang, "课题评审意见会签", pdf, allowRefusal: true, "周杰");

        var zhou = await LoginAsync(Demo.CsMember);
        await TaskSteps.GoAsync(zhou, $"/signing/tasks/{id}/sign");
        await Assertions.Expect(zhou.Locator("[data-testid=task-name]")).ToHaveTextAsync("课题评审意见会签");
        await zhou.FillAsync("[data-testid=refuse-reason]", "评审意见第三条与事实不符");
        await zhou.ClickAsync("[data-testid=refuse-confirm]");
        await Assertions.Expect(zhou.Locator("[data-testid=task-voided]")).ToContainTextAsync("拒签");
        await Assertions.Expect(zhou.Locator("[data-testid=turn]")).ToHaveCountAsync(0);

        // The initiator sees the task void and the reason, and was told by SMS.
        await TaskSteps.GoAsync(huang, $"/signing/tasks/{id}/sign");
        await Assertions.Expect(huang.Locator("[data-testid=task-status]")).ToHaveTextAsync("已作废");
        await Assertions.Expect(huang.Locator("[data-testid=task-voided]")).ToContainTextAsync("评审意见第三条与事实不符");
        await Steps.ScreenshotAsync(huang, "task-refused");
        Assert.Contains(await SmsToAsync(Demo.CsHead), t => t.Contains("拒签") && t.Contains("课题评审意见会签"));
        Directory.Delete(Path.GetDirectoryName(pdf)!, recursive: true);
    }

    [Fact]
    public async Task A_task_past_its_deadline_is_voided_by_the_expiry_job_and_shows_as_expired_to_signer_and_initiator()
    {
        var huang = await LoginAsync(Demo.CsHead);
        var pdf = await TaskSteps.PdfFileAsync("实验室安全检查记录.pdf");
        var id = await TaskSteps.ComposeAndSendAsync(huang, "实验室安全检查记录", pdf, allowRefusal: false, "周杰");
        var zhou = await LoginAsync(Demo.CsMember);
        await TaskSteps.GoAsync(zhou, $"/signing/tasks/{id}/sign");
        await zhou.Locator("[data-testid=turn]").WaitForAsync();
        // Refusal was not allowed: no refuse button.
        await Assertions.Expect(zhou.Locator("[data-testid=refuse-confirm]")).ToHaveCountAsync(0);

        // The deadline passes (moved into the past instead of waiting for it), and the scheduler's job runs its use case.
        await using (var scope = fixture.Portal.Services.CreateAsyncScope())
        {
            await using (var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, null))
            {
                var task = await db.SigningTasks.IgnoreQueryFilters().SingleAsync(t => t.Id == id);
                task.DeadlineDate = task.DeadlineDate.AddDays(-30);
                task.DeadlineUtc = DateTime.UtcNow.AddMinutes(-1);
                await db.SaveChangesAsync();
            }
            // Other tests' tasks may expire too; this one must be among them.
            Assert.True(await scope.ServiceProvider.GetRequiredService<ExpireTasks>().ExecuteAsync() >= 1);
        }

        await TaskSteps.GoAsync(zhou, $"/signing/tasks/{id}/sign");
        await Assertions.Expect(zhou.Locator("[data-testid=task-voided]")).ToContainTextAsync("过期");
        await Assertions.Expect(zhou.Locator("[data-testid=turn]")).ToHaveCountAsync(0);
        await TaskSteps.GoAsync(huang, $"/signing/tasks/{id}/sign");
        await Assertions.Expect(huang.Locator("[data-testid=task-voided]")).ToContainTextAsync("过期");
        await Steps.ScreenshotAsync(huang, "task-expired");
        Assert.Contains(await SmsToAsync(Demo.CsHead), t => t.Contains("实验室安全检查记录") && t.Contains("过期"));
        Directory.Delete(Path.GetDirectoryName(pdf)!, recursive: true);
    }
}
