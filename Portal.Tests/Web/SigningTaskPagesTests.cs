using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.SigningTasks;
using Portal.Tests.Application.Signing;
using Portal.Tests.Support;
using Portal.Web.Components.Pages.Signing.Tasks;

namespace Portal.Tests.Web;

/// <summary>
/// 文件管理 and a task's page with the real use cases on SQLite at 示例学院: 杨帆 (seal admin) initiates, 黄磊 (head) and
/// 周杰 sign in order.
/// </summary>
public class SigningTaskPagesTests
{
    private static readonly Type[] UseCases =
        [typeof(ListTasks), typeof(ListTaskExceptions), typeof(RevokeTasks), typeof(RemindParticipants), typeof(EditBusinessTypes), typeof(GetTask),
            typeof(DownloadTaskDocuments)];

    private static BunitContext Context(AsyncServiceScope scope, bool owner = false)
    {
        var ctx = PortalBunit.Create();
        foreach (var t in UseCases)
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("user");
        if (owner)
        {
            auth.SetPolicies(Permissions.OrganizationManage);
        }
        ctx.Render<MudPopoverProvider>();
        return ctx;
    }

    private static async Task<SigningTestKit> KitAsync(params string[] phones)
    {
        var kit = await SigningTestKit.CreateAsync();
        foreach (var phone in phones)
        {
            await kit.Db.SwitchAsync(await kit.User(phone), kit.University);
        }
        return kit;
    }

    /// <summary><paramref name="count"/> sent tasks of 杨帆 whose turn is 黄磊's, written directly (the list is what is tested).</summary>
    private static async Task SeedTurnsAsync(SigningTestKit kit, int count)
    {
        var initiator = await kit.User(Demo.UniversitySealAdmin);
        var head = await kit.User(Demo.CsHead);
        var now = kit.Db.Clock.GetUtcNow().UtcDateTime;
        await kit.EditAsync(kit.University, db =>
        {
            for (var i = 0; i < count; i++)
            {
                var id = Guid.NewGuid();
                db.SigningTasks.Add(new SigningTask
                {
                    Id = id,
                    OrganizationId = kit.University,
                    SpaceId = kit.University,
                    Number = $"ST20261123{i + 1:000000}",
                    Name = $"会议纪要{i + 1:00}",
                    InitiatorUserId = initiator,
                    InitiatorName = "杨帆",
                    Order = SigningOrder.Sequential,
                    DeadlineDate = new DateOnly(2026, 12, 31),
                    DeadlineUtc = new DateTime(2026, 12, 31, 15, 59, 59, DateTimeKind.Utc),
                    Status = SigningTaskStatus.InProgress,
                    CreatedAtUtc = now.AddMinutes(-i),
                    SentAtUtc = now.AddMinutes(-i),
                    CurrentStep = 1,
                    Participants =
                    [
                        new TaskParticipant
                        {
                            Id = Guid.NewGuid(), TaskId = id, OrganizationId = kit.University, UserId = head, Name = "黄磊", Step = 1,
                            State = ParticipantState.Active, TaskStatus = SigningTaskStatus.InProgress, ActivatedAtUtc = now, Round = 1,
                        },
                    ],
                });
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>The page opened on one list, as a link with <c>?list=</c> does.</summary>
    private static IRenderedComponent<TaskLists> RenderList(BunitContext ctx, string list)
    {
        var navigation = ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("signing/tasks?list=" + list);
        return ctx.Render<TaskLists>();
    }

    [Fact]
    public async Task The_lists_page_through_the_server_show_the_total_offer_signing_on_my_turn_and_say_when_a_list_is_empty()
    {
        await using var kit = await KitAsync(Demo.UniversitySealAdmin, Demo.CsHead);
        await SeedTurnsAsync(kit, 23);
        await using var scope = kit.Db.As(await kit.User(Demo.CsHead));
        await using var ctx = Context(scope);
        var page = ctx.Render<TaskLists>();

        // 待我签署 by default: the first page of 20, newest first, with the total of 23.
        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll("[data-testid=task-open]").Count));
        Assert.Contains("共 23 条", page.Find("[data-testid=task-total]").TextContent);
        Assert.Equal(20, page.FindAll("[data-testid=task-sign]").Count);
        Assert.Contains("会议纪要01", page.Markup);
        Assert.DoesNotContain("会议纪要23", page.Markup);
        Assert.Contains("signing/tasks/new", page.Find("[data-testid=task-new]").GetAttribute("href"));
        // Not the owner: no organization list.
        Assert.Empty(page.FindAll("[data-testid=list-Organization]"));

        // The next page asks the server for rows 21-23.
        page.FindAll(".mud-table-pagination-actions button")[2].Click(); // first, previous, next, last
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=task-open]").Count));
        Assert.Contains("会议纪要23", page.Markup);

        // Search narrows on the server.
        page.Find("[data-testid=task-search] input, input[data-testid=task-search]").Input("会议纪要07");
        page.Find("[data-testid=task-search-button]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=task-open]")));
        Assert.Contains("共 1 条", page.Find("[data-testid=task-total]").TextContent);

        // An empty list says so.
        page.Find("[data-testid=list-Drafts]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=task-none]")));
        Assert.Empty(page.FindAll("[data-testid=task-open]"));
        Assert.Contains("共 0 条", page.Find("[data-testid=task-total]").TextContent);

        // Stuck tasks: the head holds his turn as a person, nothing blocks it.
        page.Find("[data-testid=list-Exceptions]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=exceptions-none]")));
    }

    [Fact]
    public async Task The_owner_sees_the_organizations_list_and_the_initiator_revokes_a_selection_with_a_reason()
    {
        await using var kit = await KitAsync(Demo.UniversitySealAdmin, Demo.CsHead, Demo.UniversityOwner);
        await SeedTurnsAsync(kit, 2);
        await using (var ownerScope = kit.Db.As(await kit.User(Demo.UniversityOwner)))
        {
            await using var ownerCtx = Context(ownerScope, owner: true);
            var ownerPage = RenderList(ownerCtx, "Organization");
            ownerPage.WaitForAssertion(() => Assert.Equal(2, ownerPage.FindAll("[data-testid=task-open]").Count));
            // The owner is neither initiator nor participant: no signing, and revoking is not offered for a selection.
            Assert.Empty(ownerPage.FindAll("[data-testid=task-sign]"));
        }

        await using var scope = kit.Db.As(await kit.User(Demo.UniversitySealAdmin));
        await using var ctx = Context(scope);
        var dialogs = ctx.Render<MudDialogProvider>();
        var page = RenderList(ctx, "InitiatedByMe");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=task-open]").Count));
        Assert.True(page.Find("[data-testid=task-revoke]").HasAttribute("disabled"));

        page.FindAll("tbody .mud-checkbox input")[0].Change(true);
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=task-revoke]").HasAttribute("disabled")));
        Assert.Contains("signing/tasks/zip?ids=", page.Find("[data-testid=task-zip]").GetAttribute("href"));
        page.Find("[data-testid=task-revoke]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("textarea[data-testid=reason-input], input[data-testid=reason-input], [data-testid=reason-input] textarea, [data-testid=reason-input] input"));
        dialogs.Find("textarea[data-testid=reason-input], input[data-testid=reason-input], [data-testid=reason-input] textarea, [data-testid=reason-input] input").Change("议题取消");
        dialogs.Find("[data-testid=reason-confirm]").Click();
        page.WaitForAssertion(() => Assert.Contains("已作废 · 撤销作废", page.Markup));
        await using var db = kit.Db.Db(kit.University);
        var voided = await db.SigningTasks.SingleAsync(t => t.Status == SigningTaskStatus.Voided);
        Assert.Equal((TaskVoidKind.Revoked, "议题取消"), (voided.VoidKind, voided.VoidReason));
        Assert.Equal(1, await db.SigningTasks.CountAsync(t => t.Status == SigningTaskStatus.InProgress));
    }

    [Fact]
    public async Task A_tasks_page_shows_its_trail_and_only_the_actions_the_caller_may_take_and_is_not_found_for_a_later_signer()
    {
        await using var kit = await KitAsync(Demo.UniversitySealAdmin, Demo.CsHead, Demo.CsMember);
        var initiator = await kit.User(Demo.UniversitySealAdmin);
        var head = await kit.User(Demo.CsHead);
        var member = await kit.User(Demo.CsMember);
        var saved = await kit.Db.RunAsync<SaveTaskDraft, Result<SavedTaskDraft>>(initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(null, "会议纪要",
            null, new DateOnly(2026, 12, 31), SigningOrder.Sequential, null, [TaskDocumentInput.New("纪要.pdf", SigningTestKit.Pdf)],
            [new TaskParticipantInput(head), new TaskParticipantInput(member)], [])));
        var id = ResultAssert.Ok(saved).TaskId;
        ResultAssert.Ok(await kit.Db.RunAsync<SendTask, Result>(initiator, s => s.ExecuteAsync(id)));

        // The head, whose turn it is: 去签署, no revoke, no reminder (he has not signed).
        await using (var headScope = kit.Db.As(head))
        {
            await using var headCtx = Context(headScope);
            var headPage = headCtx.Render<TaskDetailPage>(p => p.Add(x => x.Id, id));
            headPage.WaitForAssertion(() => Assert.NotNull(headPage.Find("[data-testid=task-sign]")));
            Assert.Equal($"signing/tasks/{id}/sign", headPage.Find("[data-testid=task-sign]").GetAttribute("href"));
            Assert.Empty(headPage.FindAll("[data-testid=task-revoke]"));
            Assert.Empty(headPage.FindAll("[data-testid=task-remind]"));
            Assert.Empty(headPage.FindAll("[data-testid=task-edit]"));
        }

        // 周杰 signs after him: before his turn the task does not exist for him.
        await using (var memberScope = kit.Db.As(member))
        {
            await using var memberCtx = Context(memberScope);
            var memberPage = memberCtx.Render<TaskDetailPage>(p => p.Add(x => x.Id, id));
            memberPage.WaitForAssertion(() => Assert.NotNull(memberPage.Find("[data-testid=task-not-found]")));
            Assert.DoesNotContain("会议纪要", memberPage.Markup);
        }

        // The initiator: the trail from creation, participants in order, revoke and remind, no signing.
        await using var scope = kit.Db.As(initiator);
        await using var ctx = Context(scope);
        var page = ctx.Render<TaskDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=task-trail]")));
        var actions = page.FindAll("[data-testid=trail-action]").Select(e => e.TextContent).ToList();
        Assert.Equal(["创建任务", "发起签署", "轮到签署"], actions);
        Assert.Equal(["待签署", "未轮到"], page.FindAll("[data-testid=participant-state]").Select(e => e.TextContent));
        Assert.Contains("示例学院", page.Find("[data-testid=task-fields]").TextContent);
        Assert.Matches(@"ST\d{14}", page.Find("[data-testid=task-number]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=task-sign]"));
        Assert.NotNull(page.Find("[data-testid=task-revoke]"));
        var document = page.Find("[data-testid=document-download]").GetAttribute("href");
        Assert.StartsWith($"signing/tasks/{id}/documents/", document);

        page.Find("[data-testid=task-remind]").Click();
        page.WaitForAssertion(() => Assert.Equal("催办", page.FindAll("[data-testid=trail-action]").Last().TextContent));
        // Reminded within the hour: the button goes away.
        Assert.Empty(page.FindAll("[data-testid=task-remind]"));
    }
}
