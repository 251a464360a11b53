using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Signing;
using Portal.Application.SigningPins;
using Portal.Application.SigningTasks;
using Portal.Application.Todos;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Authorization;

/// <summary>Signing tasks: A's owner neither sees, lists, downloads nor moves a task of B — by id or through any list.</summary>
public static class SigningTaskIsolationCases
{
    /// <summary>A task in progress in B whose turn is B's owner's, with a document and CC, written directly.</summary>
    private static async Task<(Guid Task, Guid Document)> TaskInBAsync(TenantPair t)
    {
        await using var ctx = t.Db.Db(t.OrgB);
        var now = t.Db.Clock.GetUtcNow().UtcDateTime;
        var task = new SigningTask
        {
            Id = Guid.NewGuid(),
            OrganizationId = t.OrgB,
            SpaceId = t.OrgB,
            Number = t.NextTaskNumber(),
            Name = "B的会签",
            InitiatorUserId = t.OwnerB,
            InitiatorName = "陈静",
            Order = SigningOrder.Parallel,
            DeadlineDate = new DateOnly(2026, 12, 31),
            DeadlineUtc = new DateTime(2026, 12, 31, 15, 59, 59, DateTimeKind.Utc),
            Status = SigningTaskStatus.InProgress,
            CreatedAtUtc = now,
            SentAtUtc = now,
            CurrentStep = 1,
        };
        var document = new TaskDocument
        {
            Id = Guid.NewGuid(),
            TaskId = task.Id,
            OrganizationId = t.OrgB,
            Name = "B的文件.pdf",
            Pages = 1,
            CurrentVersion = 1,
            CurrentFileKey = "none.pdf",
            CurrentSha256 = "x",
        };
        task.Documents.Add(document);
        task.Participants.Add(new TaskParticipant
        {
            Id = Guid.NewGuid(),
            TaskId = task.Id,
            OrganizationId = t.OrgB,
            UserId = t.OwnerB,
            Name = "陈静",
            Step = 1,
            State = ParticipantState.Active,
            TaskStatus = SigningTaskStatus.InProgress,
            ActivatedAtUtc = now,
            AllowRefusal = true,
            Signatures = 1,
        });
        task.CcRecipients.Add(new TaskCcRecipient { Id = Guid.NewGuid(), TaskId = task.Id, OrganizationId = t.OrgB, UserId = t.OwnerB, Name = "陈静" });
        ctx.SigningTasks.Add(task);
        await ctx.SaveChangesAsync();
        return (task.Id, document.Id);
    }

    public static readonly IReadOnlyList<IsolationCase> All =
    [
        new("No task of B is found by id, listed, downloaded or moved by A's owner", async t =>
        {
            var (task, document) = await TaskInBAsync(t);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<GetTask, Result<TaskDetail>>(s => s.ExecuteAsync(task))).Error?.Code);
            foreach (var list in Enum.GetValues<TaskList>())
            {
                var page = await t.AsOwnerA<ListTasks, Result<TaskPage>>(s => s.ExecuteAsync(new TaskListQuery(list)));
                Assert.DoesNotContain(page.Value!.Rows, r => r.Id == task);
            }
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<DownloadTaskDocuments, Result<TaskFile>>(s => s.DocumentAsync(task, document))).Error?.Code);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<DownloadTaskDocuments, Result<TaskFile>>(s => s.DownloadAsync(task, document))).Error?.Code);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<SendTask, Result>(s => s.ExecuteAsync(task))).Error?.Code);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<FinishTurn, Result>(s => s.ExecuteAsync(task))).Error?.Code);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<ContinueSigning, Result>(s => s.ExecuteAsync(task))).Error?.Code);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<RefuseTask, Result>(s => s.ExecuteAsync(task, "越界"))).Error?.Code);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<RevokeTasks, Result>(s => s.ExecuteAsync(task, "越界"))).Error?.Code);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<RemindParticipants, Result>(s => s.ExecuteAsync(task))).Error?.Code);
            var edit = await t.AsOwnerA<SaveTaskDraft, Result<SavedTaskDraft>>(s => s.ExecuteAsync(new SaveTaskDraftCommand(task, "改名", null,
                new DateOnly(2026, 12, 31), SigningOrder.Parallel, null, [], [], [])));
            Assert.Equal(Errors.NotFound, edit.Error?.Code);
            var sign = await t.AsOwnerA<SignWithSeal, Result<SignedDocument>>(s => s.ExecuteAsync(new SignWithSealCommand(t.SealInA, "", [],
                [new StampSpec(StampKind.Single, 1, 100, 100)], new PinProof("Pin2026"), Task: new TaskSigning(task, document))));
            Assert.Equal(Errors.NotFound, sign.Error?.Code);
            var todos = await t.AsOwnerA<ListTodos, Result<IReadOnlyList<TodoRow>>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(todos.Value!, r => r.Id == task);
            await using var ctx = t.Db.Db(t.OrgB);
            var after = await ctx.SigningTasks.Include(x => x.Participants).SingleAsync(x => x.Id == task);
            Assert.Equal((SigningTaskStatus.InProgress, "B的会签", ParticipantState.Active), (after.Status, after.Name, after.Participants[0].State));
            Assert.Equal(0, await ctx.TaskEvents.CountAsync(e => e.TaskId == task));
        }),
        new("No stuck task of B appears in A's exceptions, and a zip of B's task holds nothing for A's owner", async t =>
        {
            var (task, _) = await TaskInBAsync(t);
            await using (var ctx = t.Db.Db(t.OrgB))
            {
                // B's owner must sign with a 人事专用章, which B does not have: a stuck task in B.
                var p = await ctx.TaskParticipants.SingleAsync(x => x.TaskId == task);
                p.SignAs = ParticipantSignAs.OrganizationSeal;
                p.DesignatedSealType = SealType.HumanResources;
                await ctx.SaveChangesAsync();
            }
            await t.Db.SwitchAsync(t.OwnerB, t.OrgB);
            var inB = await t.Db.RunAsync<ListTaskExceptions, Result<IReadOnlyList<TaskExceptionRow>>>(t.OwnerB, s => s.ExecuteAsync());
            Assert.Contains(inB.Value!, r => r.TaskId == task);
            var inA = await t.AsOwnerA<ListTaskExceptions, Result<IReadOnlyList<TaskExceptionRow>>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(inA.Value!, r => r.TaskId == task);
            using var zip = new MemoryStream();
            Assert.Equal(0, await t.AsOwnerA<DownloadTaskDocuments, int>(s => s.ZipAsync([task], zip)));
            zip.Position = 0;
            using var archive = new System.IO.Compression.ZipArchive(zip);
            Assert.Empty(archive.Entries);
        }),
    ];
}
