using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Signing;
using Portal.Application.SigningTasks;
using Portal.Tests.Application.Signing;
using Portal.Tests.Support;
using Portal.Web.Components.Pages.Signing.Tasks;

namespace Portal.Tests.Web;

/// <summary>
/// The compose page shows each refusal next to what caused it and changes nothing: at 示例科技, 李娜's draft names 赵敏 to
/// stamp with a 财务专用章 while no such seal is active; 发送 leaves the task a draft and says so under 赵敏. A draft's
/// editor loads every input back.
/// </summary>
public class ComposeTaskPageTests
{
    private static readonly Type[] UseCases =
    [
        typeof(SaveTaskDraft), typeof(SendTask), typeof(GetTaskDraft), typeof(SearchTaskDirectory), typeof(EditBusinessTypes),
        typeof(DownloadTaskDocuments), typeof(CheckSigningDocument), typeof(IDocumentSigner), typeof(TimeProvider),
    ];

    [Fact]
    public async Task A_send_refused_for_a_participant_is_shown_under_them_and_the_task_stays_a_draft()
    {
        await using var kit = await SigningTestKit.CreateAsync();
        var org = kit.Enterprise;
        var initiator = await kit.User(Demo.EnterpriseSealAdmin);
        var wang = await kit.User(Demo.EnterpriseMember);
        var zhao = await kit.User(Demo.EnterpriseMember2);
        await kit.EditAsync(org, async db =>
        {
            foreach (var seal in await db.Seals.Where(s => s.Type == SealType.Finance).ToListAsync())
            {
                seal.Status = SealStatus.Voided;
            }
        });
        var today = DateOnly.FromDateTime(kit.Db.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var saved = await kit.Db.RunAsync<SaveTaskDraft, Result<SavedTaskDraft>>(initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(null,
            "年度预算", null, today.AddDays(5), SigningOrder.Sequential, null, [TaskDocumentInput.New("预算.pdf", SigningTestKit.Pdf)],
            [new TaskParticipantInput(wang), new TaskParticipantInput(zhao, ParticipantSignAs.OrganizationSeal, SealType.Finance, AllowRefusal: true)], [])));
        var id = ResultAssert.Ok(saved).TaskId;

        await using var scope = kit.Db.As(initiator);
        await using var ctx = PortalBunit.Create();
        foreach (var t in UseCases)
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }
        var page = ctx.Render<ComposeTask>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=participant]").Count));
        Assert.Equal(["王强", "赵敏"], page.FindAll("[data-testid=participant-name]").Select(e => e.TextContent));
        Assert.Single(page.FindAll("[data-testid=task-document]"));

        page.Find("[data-testid=task-send]").Click();
        page.WaitForAssertion(() => Assert.Contains("赵敏 无法签署", page.Find("[data-name='赵敏'] [data-testid=participant-error]").TextContent));
        Assert.Empty(page.FindAll("[data-name='王强'] [data-testid=participant-error]"));
        await using var db = kit.Db.Db(org);
        Assert.Equal(SigningTaskStatus.Draft, (await db.SigningTasks.SingleAsync(t => t.Id == id)).Status);
        Assert.False(await db.TaskParticipants.AnyAsync(p => p.TaskId == id && p.ActivatedAtUtc != null));
    }

    [Fact]
    public async Task A_designated_keyword_not_in_its_document_is_shown_under_the_participant_given_it_and_the_task_stays_a_draft()
    {
        await using var kit = await SigningTestKit.CreateAsync();
        var initiator = await kit.User(Demo.EnterpriseSealAdmin);
        var wang = await kit.User(Demo.EnterpriseMember);
        var zhao = await kit.User(Demo.EnterpriseMember2);
        var today = DateOnly.FromDateTime(kit.Db.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var saved = await kit.Db.RunAsync<SaveTaskDraft, Result<SavedTaskDraft>>(initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(null,
            "采购合同", null, today.AddDays(5), SigningOrder.Sequential, null, [TaskDocumentInput.New("合同.pdf", SigningTestKit.Pdf)],
            [
                new TaskParticipantInput(wang, Positions: [new TaskPositionInput(0, null, null, null, "甲方")]),
                new TaskParticipantInput(zhao, Positions: [new TaskPositionInput(0, null, null, null, "丙方（盖章）")]),
            ], [])));
        var id = ResultAssert.Ok(saved).TaskId;

        await using var scope = kit.Db.As(initiator);
        await using var ctx = PortalBunit.Create();
        foreach (var t in UseCases)
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }
        var page = ctx.Render<ComposeTask>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=participant]").Count));
        page.Find("[data-testid=task-send]").Click();
        page.WaitForAssertion(() => Assert.Contains("没有关键字「丙方（盖章）」", page.Find("[data-name='赵敏'] [data-testid=participant-error]").TextContent));
        Assert.Empty(page.FindAll("[data-name='王强'] [data-testid=participant-error]"));
        await using var db = kit.Db.Db(kit.Enterprise);
        Assert.Equal(SigningTaskStatus.Draft, (await db.SigningTasks.SingleAsync(t => t.Id == id)).Status);
    }
}
