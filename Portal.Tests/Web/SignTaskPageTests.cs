using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.PersonalSignatures;
using Portal.Application.Signing;
using Portal.Application.SigningPins;
using Portal.Application.SigningTasks;
using Portal.Tests.Application.Signing;
using Portal.Tests.Support;
using Portal.Web.Components.Pages.Signing.Tasks;

namespace Portal.Tests.Web;

/// <summary>
/// The sign page offers the designated positions as the placements that meet them: at 示例科技, 王强 must stamp the
/// 合同专用章 at page 1 (200, 300) and at the keyword 「甲方」 only; once he picks the seal both are placed and fixed, the
/// keyword one said as "at keyword 「甲方」" and counted where the document has it. With free placement the same two come
/// from 一键盖章.
/// </summary>
public class SignTaskPageTests
{
    private static readonly Type[] UseCases =
    [
        typeof(GetTaskSigning), typeof(DownloadTaskDocuments), typeof(ListMySignatures), typeof(SignWithSeal), typeof(SubmitTaskUseRequest),
        typeof(FinishTurn), typeof(ContinueSigning), typeof(RefuseTask), typeof(SendSigningSmsCode), typeof(IDocumentSigner),
    ];

    [Fact]
    public async Task Designated_points_and_keywords_become_the_placements_fixed_without_free_placement_and_filled_with_it()
    {
        await using var kit = await SigningTestKit.CreateAsync();
        var initiator = await kit.User(Demo.EnterpriseSealAdmin);
        var wang = await kit.User(Demo.EnterpriseMember);
        var today = DateOnly.FromDateTime(kit.Db.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        async Task<Guid> SentAsync(bool freePlacement)
        {
            var saved = ResultAssert.Ok(await kit.Db.RunAsync<SaveTaskDraft, Result<SavedTaskDraft>>(initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(
                null, "采购合同", null, today.AddDays(3), SigningOrder.Sequential, null, [TaskDocumentInput.New("合同.pdf", SigningTestKit.Pdf)],
                [new TaskParticipantInput(wang, ParticipantSignAs.OrganizationSeal, SealType.Contract, freePlacement,
                    Positions: [new TaskPositionInput(0, 1, 200, 300, null), new TaskPositionInput(0, null, null, null, "甲方")])], []))));
            ResultAssert.Ok(await kit.Db.RunAsync<SendTask, Result>(initiator, s => s.ExecuteAsync(saved.TaskId)));
            return saved.TaskId;
        }
        var fixedTask = await SentAsync(freePlacement: false);
        var freeTask = await SentAsync(freePlacement: true);

        await using var scope = kit.Db.As(wang);
        await using var ctx = PortalBunit.Create();
        foreach (var t in UseCases)
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }
        ctx.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        string[] expected = ["第 1 页", "关键字「甲方」处"];

        var page = ctx.Render<SignTask>(p => p.Add(x => x.Id, fixedTask));
        page.WaitForAssertion(() => page.Find("[data-testid=seal-option]"));
        page.Find("[data-testid=seal-option]").Click();
        page.WaitForAssertion(() => Assert.Equal(expected, page.FindAll("[data-testid=stamp-chip]").Select(c => c.TextContent.Trim())));
        Assert.Contains("在「甲方」处签署", page.Find("[data-testid=designated-keyword]").TextContent);
        // Located in the document: the point and the three lines with 「甲方」 (one per page) are four stamps.
        Assert.Contains("共 4 个印章", page.Find("[data-testid=stamp-count]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=stamp-keyword-missing]"));
        Assert.Empty(page.FindAll("[data-testid=stamp-clear]")); // fixed: shown, not changed
        Assert.Empty(page.FindAll("[data-testid=fill-positions]"));

        var free = ctx.Render<SignTask>(p => p.Add(x => x.Id, freeTask));
        free.WaitForAssertion(() => free.Find("[data-testid=seal-option]"));
        free.Find("[data-testid=seal-option]").Click();
        free.WaitForAssertion(() => free.Find("[data-testid=fill-positions]"));
        Assert.Empty(free.FindAll("[data-testid=stamp-chip]"));
        free.Find("[data-testid=fill-positions]").Click();
        free.WaitForAssertion(() => Assert.Equal(expected, free.FindAll("[data-testid=stamp-chip]").Select(c => c.TextContent.Trim())));
        Assert.NotEmpty(free.FindAll("[data-testid=stamp-clear]"));
    }
}
