using Bunit;
using Microsoft.AspNetCore.Components.Web;
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

    /// <summary>The compose page on a saved draft, with the use cases of the initiator's scope.</summary>
    private sealed class ComposePage : IAsyncDisposable
    {
        private readonly AsyncServiceScope _scope;
        private readonly BunitContext _ctx;

        private ComposePage(AsyncServiceScope scope, BunitContext ctx, IRenderedComponent<ComposeTask> page)
        {
            _scope = scope;
            _ctx = ctx;
            Page = page;
        }

        public IRenderedComponent<ComposeTask> Page { get; }

        public static ComposePage Open(SigningTestKit kit, Guid initiator, Guid id)
        {
            var scope = kit.Db.As(initiator);
            var ctx = PortalBunit.Create();
            foreach (var t in UseCases)
            {
                ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
            }
            return new ComposePage(scope, ctx, ctx.Render<ComposeTask>(p => p.Add(x => x.Id, id)));
        }

        public async ValueTask DisposeAsync()
        {
            await _ctx.DisposeAsync();
            await _scope.DisposeAsync();
        }
    }

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

        await using var editor = ComposePage.Open(kit, initiator, id);
        var page = editor.Page;
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
    public async Task Dragging_a_signer_reorders_the_list_and_into_another_step_moves_them_to_that_step_and_the_draft_keeps_it()
    {
        await using var kit = await SigningTestKit.CreateAsync();
        var org = kit.Enterprise;
        var initiator = await kit.User(Demo.EnterpriseSealAdmin);
        var wang = await kit.User(Demo.EnterpriseMember);
        var zhao = await kit.User(Demo.EnterpriseMember2);
        var today = DateOnly.FromDateTime(kit.Db.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var saved = await kit.Db.RunAsync<SaveTaskDraft, Result<SavedTaskDraft>>(initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(null,
            "会签顺序", null, today.AddDays(5), SigningOrder.Sequential, null, [TaskDocumentInput.New("纪要.pdf", SigningTestKit.Pdf)],
            [new TaskParticipantInput(wang), new TaskParticipantInput(zhao)], [])));
        var id = ResultAssert.Ok(saved).TaskId;

        await using var editor = ComposePage.Open(kit, initiator, id);
        var page = editor.Page;
        page.WaitForAssertion(() => Assert.Equal(["王强", "赵敏"], page.FindAll("[data-testid=order-name]").Select(e => e.TextContent)));

        // 赵敏 dragged above 王强 (onto the zone's leading slot): first in the panel and in the cards.
        await page.Find("[data-testid=order-item][data-name='赵敏']").ParentElement!.DragStartAsync(new DragEventArgs());
        await page.Find("[data-zone=list] .mud-drop-item-preview-start").DragEnterAsync(new DragEventArgs());
        await page.Find("[data-zone=list] .mud-drop-zone").DropAsync(new DragEventArgs());
        page.WaitForAssertion(() => Assert.Equal(["赵敏", "王强"], page.FindAll("[data-testid=order-name]").Select(e => e.TextContent)));
        Assert.Equal(["赵敏", "王强"], page.FindAll("[data-testid=participant-name]").Select(e => e.TextContent));
        // The keyboard's way back: 王强 up.
        page.Find("[data-testid=order-item][data-name='王强'] button[data-testid=participant-up]").Click();
        page.WaitForAssertion(() => Assert.Equal(["王强", "赵敏"], page.FindAll("[data-testid=order-name]").Select(e => e.TextContent)));

        // Groups: each in a step of their own (1: 王强, 2: 赵敏, and an empty new step); 赵敏 dragged into step 1 signs with 王强.
        await page.Find("input[data-testid=order-groups]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal(["1", "2", "3"], page.FindAll("[data-testid=order-zone]").Select(z => z.GetAttribute("data-zone"))));
        await page.Find("[data-testid=order-item][data-name='赵敏']").ParentElement!.DragStartAsync(new DragEventArgs());
        await page.Find("[data-zone='1'] .mud-drop-zone").DragEnterAsync(new DragEventArgs());
        await page.Find("[data-zone='1'] .mud-drop-zone").DropAsync(new DragEventArgs());
        page.WaitForAssertion(() => Assert.Equal(["1", "2"], page.FindAll("[data-testid=order-zone]").Select(z => z.GetAttribute("data-zone"))));
        Assert.Equal(2, page.FindAll("[data-zone='1'] [data-testid=order-item]").Count);

        await page.Find("[data-testid=task-save]").ClickAsync(new MouseEventArgs());
        await using var db = kit.Db.Db(org);
        var task = await db.SigningTasks.AsNoTracking().Include(x => x.Participants).SingleAsync(x => x.Id == id);
        Assert.Equal(SigningOrder.Groups, task.Order);
        // One step, signed in parallel (the order inside it is the drop's and does not matter).
        Assert.Equal([(wang, 1), (zhao, 1)], task.Participants.Select(x => (x.UserId!.Value, x.Step)).OrderBy(x => x.Item1 == zhao));
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

        await using var editor = ComposePage.Open(kit, initiator, id);
        var page = editor.Page;
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=participant]").Count));
        page.Find("[data-testid=task-send]").Click();
        page.WaitForAssertion(() => Assert.Contains("没有关键字「丙方（盖章）」", page.Find("[data-name='赵敏'] [data-testid=participant-error]").TextContent));
        Assert.Empty(page.FindAll("[data-name='王强'] [data-testid=participant-error]"));
        await using var db = kit.Db.Db(kit.Enterprise);
        Assert.Equal(SigningTaskStatus.Draft, (await db.SigningTasks.SingleAsync(t => t.Id == id)).Status);
    }
}
