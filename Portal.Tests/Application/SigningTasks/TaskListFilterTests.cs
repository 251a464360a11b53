using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.SigningTasks;
using Portal.Application.Todos;
using Portal.Tests.Application.Signing;
using Portal.Tests.Support;

namespace Portal.Tests.Application.SigningTasks;

/// <summary>What the list and task pages added to the queries: the participant-name filter, whose turn and whose task a row is, the space's name, the to-do link.</summary>
public sealed class TaskListFilterTests
{
    [Fact]
    public async Task Rows_say_whether_the_task_is_mine_and_my_turn_the_participant_filter_matches_a_part_of_a_name_and_links_open_the_task_page()
    {
        await using var kit = await SigningTestKit.CreateAsync();
        var initiator = await kit.User(Demo.UniversitySealAdmin);
        var head = await kit.User(Demo.CsHead);
        var member = await kit.User(Demo.CsMember);
        foreach (var u in new[] { initiator, head, member })
        {
            await kit.Db.SwitchAsync(u, kit.University);
        }
        var saved = await kit.Db.RunAsync<SaveTaskDraft, Result<SavedTaskDraft>>(initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(null, "会议纪要",
            null, new DateOnly(2026, 12, 31), SigningOrder.Sequential, null, [TaskDocumentInput.New("纪要.pdf", SigningTestKit.Pdf)],
            [new TaskParticipantInput(head), new TaskParticipantInput(member)], [])));
        var id = ResultAssert.Ok(saved).TaskId;
        ResultAssert.Ok(await kit.Db.RunAsync<SendTask, Result>(initiator, s => s.ExecuteAsync(id)));

        Task<Result<TaskPage>> List(Guid user, TaskListQuery q) => kit.Db.RunAsync<ListTasks, Result<TaskPage>>(user, s => s.ExecuteAsync(q));
        var mine = Assert.Single(ResultAssert.Ok(await List(initiator, new TaskListQuery(TaskList.InitiatedByMe, ParticipantName: "周"))).Rows);
        Assert.Equal((id, true, false), (mine.Id, mine.IsMine, mine.MyTurn));
        Assert.Empty(ResultAssert.Ok(await List(initiator, new TaskListQuery(TaskList.InitiatedByMe, ParticipantName: "吴芳"))).Rows);
        var turn = Assert.Single(ResultAssert.Ok(await List(head, new TaskListQuery(TaskList.ToMe))).Rows);
        Assert.Equal((false, true, "黄磊"), (turn.IsMine, turn.MyTurn, turn.Holders.Single()));

        var detail = ResultAssert.Ok(await kit.Db.RunAsync<GetTask, Result<TaskDetail>>(head, s => s.ExecuteAsync(id)));
        Assert.Equal("示例学院", detail.OrganizationName);
        var todo = Assert.Single(ResultAssert.Ok(await kit.Db.RunAsync<ListTodos, Result<IReadOnlyList<TodoRow>>>(head, s => s.ExecuteAsync())),
            r => r.Kind == "SigningTask");
        Assert.Equal($"signing/tasks/{id}/sign", todo.Link); // the turn to-do opens the sign page
    }
}
