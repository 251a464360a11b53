using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.SigningTasks;
using Portal.Tests.Application.Signing;
using Portal.Tests.Support;

namespace Portal.Tests.Application.SigningTasks;

/// <summary>
/// Every transition of a signing task and every refusal, at 示例学院: 李 (seal admin) initiates, 计算机学院's head and member
/// sign in order. A signature is recorded here as the signing unit records it (its count on the participant); signing itself
/// runs on the real HSM pool (SingleSigningHsmTests; a task on the pool is left for the next session).
/// </summary>
public sealed class SigningTaskTests : IAsyncLifetime
{
    private SigningTestKit _kit = null!;
    private Guid _org, _initiator, _head, _member, _owner, _enterpriseOwner;
    private int _seededSms;

    public async Task InitializeAsync()
    {
        _kit = await SigningTestKit.CreateAsync();
        _org = _kit.University;
        _initiator = await _kit.User(Demo.UniversitySealAdmin);
        _head = await _kit.User(Demo.CsHead);
        _member = await _kit.User(Demo.CsMember);
        _owner = await _kit.User(Demo.UniversityOwner);
        _enterpriseOwner = await _kit.User(Demo.EnterpriseOwner);
        foreach (var u in new[] { _initiator, _head, _member, _owner })
        {
            await _kit.Db.SwitchAsync(u, _org);
        }
        await _kit.Db.SwitchAsync(_enterpriseOwner, _kit.Enterprise);
        // The seed's own messages (membership invitations) are not this test's.
        await using var ctx = _kit.Db.Db();
        _seededSms = await ctx.SmsOutbox.Select(m => (int?)m.Id).MaxAsync() ?? 0;
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    private DateOnly Today => DateOnly.FromDateTime(_kit.Db.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    private Task<T> As<TUseCase, T>(Guid user, Func<TUseCase, Task<T>> act) where TUseCase : notnull => _kit.Db.RunAsync(user, act);

    private async Task<Guid> DraftAsync(bool allowRefusal = false, IReadOnlyList<Guid>? cc = null, int? reminderDays = null,
        SigningOrder order = SigningOrder.Sequential, IReadOnlyList<TaskParticipantInput>? participants = null)
    {
        var saved = await As<SaveTaskDraft, Result<SavedTaskDraft>>(_initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(null, "会议纪要",
            null, Today.AddDays(3), order, reminderDays, [TaskDocumentInput.New("纪要.pdf", SigningTestKit.Pdf)],
            participants ?? [new TaskParticipantInput(_head, AllowRefusal: allowRefusal), new TaskParticipantInput(_member, AllowRefusal: allowRefusal)],
            cc ?? [])));
        return ResultAssert.Ok(saved).TaskId;
    }

    private async Task<Guid> SentAsync(bool allowRefusal = false, IReadOnlyList<Guid>? cc = null, int? reminderDays = null)
    {
        var id = await DraftAsync(allowRefusal, cc, reminderDays);
        ResultAssert.Ok(await As<SendTask, Result>(_initiator, s => s.ExecuteAsync(id)));
        return id;
    }

    /// <summary>Records one signature of <paramref name="user"/> as the signing unit does (count and time on the participant).</summary>
    private Task SignedAsync(Guid taskId, Guid user) => _kit.EditAsync(_org, async db =>
    {
        var p = await db.TaskParticipants.SingleAsync(x => x.TaskId == taskId && x.UserId == user);
        p.Signatures++;
        p.LastSignedAtUtc = _kit.Db.Clock.GetUtcNow().UtcDateTime;
    });

    private async Task<SigningTask> TaskAsync(Guid id)
    {
        await using var ctx = _kit.Db.Db(_org);
        return await ctx.SigningTasks.AsNoTracking().Include(t => t.Participants).Include(t => t.Documents).SingleAsync(t => t.Id == id);
    }

    private async Task<List<SmsOutboxMessage>> SmsToAsync(string phone)
    {
        await using var ctx = _kit.Db.Db();
        return await ctx.SmsOutbox.Where(m => m.Id > _seededSms && m.Phone == phone && !m.Text.Contains("验证码")).ToListAsync();
    }

    private Task<Result<TaskDetail>> DetailAs(Guid user, Guid id) => As<GetTask, Result<TaskDetail>>(user, s => s.ExecuteAsync(id));

    private Task<Result<TaskPage>> ListAs(Guid user, TaskList list) =>
        As<ListTasks, Result<TaskPage>>(user, s => s.ExecuteAsync(new TaskListQuery(list)));

    [Fact]
    public async Task A_draft_gets_a_number_is_seen_by_its_initiator_only_and_stays_editable_until_sent()
    {
        var id = await DraftAsync(cc: [_owner]);
        var task = await TaskAsync(id);
        Assert.Matches(@"^ST\d{8}000001$", task.Number);
        Assert.Equal(SigningTaskStatus.Draft, task.Status);
        Assert.Equal(new DateTime(2026, 11, 26, 15, 59, 59, DateTimeKind.Utc), task.DeadlineUtc); // 23:59:59 Asia/Shanghai
        Assert.Single((await ListAs(_initiator, TaskList.Drafts)).Value!.Rows);
        // Participants, CC and the owner see no draft.
        foreach (var other in new[] { _head, _owner })
        {
            ResultAssert.Refused(Errors.NotFound, await DetailAs(other, id));
        }
        var edited = await As<SaveTaskDraft, Result<SavedTaskDraft>>(_initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(id, "会议纪要（修订）",
            null, Today.AddDays(5), SigningOrder.Parallel, null, [TaskDocumentInput.Keep(task.Documents[0].Id)], [new TaskParticipantInput(_head)], [])));
        ResultAssert.Ok(edited);
        Assert.Equal(task.Number, edited.Value!.Number);
        Assert.Single((await TaskAsync(id)).Participants);
        // Someone else cannot edit it, even knowing its id.
        var foreign = await As<SaveTaskDraft, Result<SavedTaskDraft>>(_head, s => s.ExecuteAsync(new SaveTaskDraftCommand(id, "x", null, Today,
            SigningOrder.Parallel, null, [], [], [])));
        ResultAssert.Refused(Errors.NotFound, foreign);
    }

    [Fact]
    public async Task Sequential_order_the_second_signer_neither_sees_nor_acts_before_the_first_finishes_then_the_task_completes()
    {
        var id = await SentAsync();
        var task = await TaskAsync(id);
        Assert.Equal(SigningTaskStatus.InProgress, task.Status);
        Assert.Equal(ParticipantState.Active, task.Participants.Single(p => p.UserId == _head).State);
        Assert.Equal(ParticipantState.Waiting, task.Participants.Single(p => p.UserId == _member).State);
        Assert.Single(await SmsToAsync(Demo.CsHead));
        Assert.Empty(await SmsToAsync(Demo.CsMember));

        // Out of turn: the task is not even visible, and nothing changes.
        ResultAssert.Refused(Errors.NotFound, await DetailAs(_member, id));
        ResultAssert.Refused(Errors.NotFound, await As<FinishTurn, Result>(_member, s => s.ExecuteAsync(id)));
        Assert.Empty((await ListAs(_member, TaskList.ToMe)).Value!.Rows);

        // Finishing needs a signature first.
        ResultAssert.Refused(Errors.TaskNothingSigned, await As<FinishTurn, Result>(_head, s => s.ExecuteAsync(id)));
        Assert.Single((await ListAs(_head, TaskList.ToMe)).Value!.Rows);
        await SignedAsync(id, _head);
        ResultAssert.Ok(await As<ContinueSigning, Result>(_head, s => s.ExecuteAsync(id)));
        Assert.Equal(2, (await TaskAsync(id)).Participants.Single(p => p.UserId == _head).Round);
        ResultAssert.Ok(await As<FinishTurn, Result>(_head, s => s.ExecuteAsync(id)));
        ResultAssert.Refused(Errors.TaskTurnFinished, await As<FinishTurn, Result>(_head, s => s.ExecuteAsync(id)));

        Assert.Single(await SmsToAsync(Demo.CsMember));
        Assert.Single((await ListAs(_head, TaskList.WaitingForOthers)).Value!.Rows);
        var page = (await ListAs(_member, TaskList.ToMe)).Value!;
        Assert.Equal(1, page.Total);
        Assert.Equal(["周杰"], page.Rows[0].Holders);
        await SignedAsync(id, _member);
        ResultAssert.Ok(await As<FinishTurn, Result>(_member, s => s.ExecuteAsync(id)));

        task = await TaskAsync(id);
        Assert.Equal(SigningTaskStatus.Completed, task.Status);
        Assert.NotNull(task.CompletedAtUtc);
        Assert.Single((await ListAs(_initiator, TaskList.Completed)).Value!.Rows);
        Assert.Single((await ListAs(_member, TaskList.Completed)).Value!.Rows);
        var trail = ResultAssert.Ok(await DetailAs(_initiator, id)).Trail.Select(e => e.Action).ToList();
        Assert.Equal([TaskEventActions.Created, TaskEventActions.Sent, TaskEventActions.TurnStarted, TaskEventActions.Continued,
            TaskEventActions.Finished, TaskEventActions.TurnStarted, TaskEventActions.Finished, TaskEventActions.Completed], trail);
        // Everyone concerned hears of the completion.
        Assert.Contains(await SmsToAsync(Demo.UniversitySealAdmin), m => m.Text.Contains("签署完成"));
        // A revoke after completion is refused and changes nothing.
        ResultAssert.Refused(Errors.TaskCompleted, await As<RevokeTasks, Result>(_initiator, s => s.ExecuteAsync(id, "不要了")));
        Assert.Equal(SigningTaskStatus.Completed, (await TaskAsync(id)).Status);
    }

    [Fact]
    public async Task Parallel_order_activates_everyone_at_once()
    {
        var id = await DraftAsync(order: SigningOrder.Parallel);
        ResultAssert.Ok(await As<SendTask, Result>(_initiator, s => s.ExecuteAsync(id)));
        Assert.All((await TaskAsync(id)).Participants, p => Assert.Equal(ParticipantState.Active, p.State));
    }

    [Fact]
    public async Task Refusal_is_refused_where_not_allowed_and_voids_the_task_where_allowed()
    {
        var strict = await SentAsync(allowRefusal: false);
        ResultAssert.Refused(Errors.TaskRefusalNotAllowed, await As<RefuseTask, Result>(_head, s => s.ExecuteAsync(strict, "不同意")));
        Assert.Equal(SigningTaskStatus.InProgress, (await TaskAsync(strict)).Status);
        ResultAssert.Refused(Errors.ReasonRequired, await As<RefuseTask, Result>(_head, s => s.ExecuteAsync(strict, "  ")));

        var lenient = await SentAsync(allowRefusal: true);
        ResultAssert.Ok(await As<RefuseTask, Result>(_head, s => s.ExecuteAsync(lenient, "数据有误")));
        var task = await TaskAsync(lenient);
        Assert.Equal(SigningTaskStatus.Voided, task.Status);
        Assert.Equal(TaskVoidKind.Refused, task.VoidKind);
        Assert.Equal("数据有误", task.VoidReason);
        var detail = ResultAssert.Ok(await DetailAs(_initiator, lenient));
        Assert.Equal(ParticipantState.Refused, detail.Participants.Single(p => p.Name == "刘洋" || p.RefusalReason is not null).State);
        Assert.Contains(await SmsToAsync(Demo.UniversitySealAdmin), m => m.Text.Contains("拒签") && m.Text.Contains("数据有误"));
        Assert.Single((await ListAs(_initiator, TaskList.Voided)).Value!.Rows, r => r.Id == lenient && r.VoidKind == TaskVoidKind.Refused);
        // The one who refused finds it under 已作废 and no longer under 待我签署 (the lists read the participation's copy of the status).
        Assert.Contains((await ListAs(_head, TaskList.Voided)).Value!.Rows, r => r.Id == lenient);
        Assert.DoesNotContain((await ListAs(_head, TaskList.ToMe)).Value!.Rows, r => r.Id == lenient);
        Assert.Contains((await ListAs(_head, TaskList.ToMe)).Value!.Rows, r => r.Id == strict);
        // Nothing moves on a voided task.
        ResultAssert.Refused(Errors.TaskVoided, await As<FinishTurn, Result>(_head, s => s.ExecuteAsync(lenient)));
    }

    [Fact]
    public async Task Revoke_is_the_initiators_in_batches_with_a_reason_while_unfinished()
    {
        var a = await SentAsync();
        var b = await SentAsync();
        ResultAssert.Refused(Errors.TaskNotInitiator, await As<RevokeTasks, Result>(_head, s => s.ExecuteAsync(a, "我来撤销")));
        var outcomes = await As<RevokeTasks, IReadOnlyList<TaskOutcome>>(_initiator, s => s.ExecuteAsync([a, b], "议题取消"));
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.ToString()));
        foreach (var id in new[] { a, b })
        {
            var t = await TaskAsync(id);
            Assert.Equal((SigningTaskStatus.Voided, TaskVoidKind.Revoked, "议题取消"), (t.Status, t.VoidKind, t.VoidReason));
        }
        Assert.Contains(await SmsToAsync(Demo.CsHead), m => m.Text.Contains("撤销"));
        ResultAssert.Refused(Errors.TaskVoided, await As<RevokeTasks, Result>(_initiator, s => s.ExecuteAsync(a, "再撤一次")));
    }

    [Fact]
    public async Task Past_its_deadline_a_task_refuses_every_action_and_the_expiry_job_voids_it_once()
    {
        var id = await SentAsync();
        await SignedAsync(id, _head);
        _kit.Db.Clock.Advance(TimeSpan.FromDays(4));
        ResultAssert.Refused(Errors.TaskDeadlinePassed, await As<FinishTurn, Result>(_head, s => s.ExecuteAsync(id)));
        Assert.Equal(1, await As<ExpireTasks, int>(_initiator, s => s.ExecuteAsync()));
        Assert.Equal(0, await As<ExpireTasks, int>(_initiator, s => s.ExecuteAsync()));
        var task = await TaskAsync(id);
        Assert.Equal((SigningTaskStatus.Voided, TaskVoidKind.Expired), (task.Status, task.VoidKind));
        Assert.Contains(await SmsToAsync(Demo.CsHead), m => m.Text.Contains("过期"));
    }

    [Fact]
    public async Task Reminders_come_from_the_initiator_or_a_signer_at_most_hourly_with_user_text_cut_and_unlinked()
    {
        var id = await DraftAsync(order: SigningOrder.Parallel);
        ResultAssert.Ok(await As<SendTask, Result>(_initiator, s => s.ExecuteAsync(id)));
        ResultAssert.Refused(Errors.TaskReminderNotAllowed, await As<RemindParticipants, Result>(_member, s => s.ExecuteAsync(id)));
        ResultAssert.Ok(await As<RemindParticipants, Result>(_initiator, s => s.ExecuteAsync(id, "请尽快 http://evil.example.com/x 签署这份非常重要的会议纪要文件谢谢")));
        var reminder = (await SmsToAsync(Demo.CsMember)).Single(m => m.Text.Contains("催办"));
        Assert.DoesNotContain("evil", reminder.Text);
        Assert.Contains("请尽快 签署这份非常重要的会议纪要文件", reminder.Text);
        Assert.Contains("/tasks/" + id, reminder.Text);
        ResultAssert.Refused(Errors.TaskReminderTooSoon, await As<RemindParticipants, Result>(_initiator, s => s.ExecuteAsync(id)));
        // A participant who has signed may remind the others.
        await SignedAsync(id, _head);
        _kit.Db.Clock.Advance(TimeSpan.FromMinutes(61));
        ResultAssert.Ok(await As<RemindParticipants, Result>(_head, s => s.ExecuteAsync(id)));
        Assert.Equal(2, (await SmsToAsync(Demo.CsMember)).Count(m => m.Text.Contains("催办")));
    }

    [Fact]
    public async Task Automatic_reminders_run_every_n_days_until_the_deadline()
    {
        var id = await SentAsync(reminderDays: 1);
        Assert.Equal(0, await As<SendAutomaticReminders, int>(_initiator, s => s.ExecuteAsync()));
        _kit.Db.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await As<SendAutomaticReminders, int>(_initiator, s => s.ExecuteAsync()));
        Assert.Equal(0, await As<SendAutomaticReminders, int>(_initiator, s => s.ExecuteAsync()));
        Assert.Single(await SmsToAsync(Demo.CsHead), m => m.Text.Contains("催办"));
        Assert.DoesNotContain(await SmsToAsync(Demo.CsMember), m => m.Text.Contains("催办"));
        _kit.Db.Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(0, await As<SendAutomaticReminders, int>(_initiator, s => s.ExecuteAsync()));
        Assert.Equal(SigningTaskStatus.InProgress, (await TaskAsync(id)).Status);
    }

    [Fact]
    public async Task CC_and_the_owner_see_a_sent_task_and_its_trail_but_cannot_act()
    {
        var cc = await _kit.User(Demo.UniversityOwner);
        var id = await SentAsync(cc: [cc]);
        var seen = ResultAssert.Ok(await DetailAs(cc, id));
        Assert.NotEmpty(seen.Trail);
        Assert.False(seen.Actions.CanSign);
        Assert.Single((await ListAs(cc, TaskList.CcMe)).Value!.Rows);
        Assert.Single((await ListAs(_owner, TaskList.Organization)).Value!.Rows);
        ResultAssert.Refused(Errors.TaskNotAParticipant, await As<FinishTurn, Result>(cc, s => s.ExecuteAsync(id)));
        ResultAssert.Refused(Errors.TaskNotInitiator, await As<RevokeTasks, Result>(cc, s => s.ExecuteAsync(id, "x")));
        // The organization list is the owner's only.
        Assert.Empty((await ListAs(_head, TaskList.Organization)).Value!.Rows);
    }

    [Fact]
    public async Task Another_tenants_member_finds_nothing_by_id_and_nothing_changes()
    {
        var id = await SentAsync();
        ResultAssert.Refused(Errors.NotFound, await DetailAs(_enterpriseOwner, id));
        ResultAssert.Refused(Errors.NotFound, await As<RevokeTasks, Result>(_enterpriseOwner, s => s.ExecuteAsync(id, "越界")));
        ResultAssert.Refused(Errors.NotFound, await As<RemindParticipants, Result>(_enterpriseOwner, s => s.ExecuteAsync(id)));
        ResultAssert.Refused(Errors.NotFound, await As<FinishTurn, Result>(_enterpriseOwner, s => s.ExecuteAsync(id)));
        using var zip = new MemoryStream();
        Assert.Equal(0, await As<DownloadTaskDocuments, int>(_enterpriseOwner, s => s.ZipAsync([id], zip)));
        zip.Position = 0;
        using var archive = new System.IO.Compression.ZipArchive(zip);
        Assert.Empty(archive.Entries);
        // The initiator's zip holds the task's documents, each under the task's number (the id given twice counts once).
        using var mine = new MemoryStream();
        var written = await As<DownloadTaskDocuments, int>(_initiator, s => s.ZipAsync([id, id], mine));
        mine.Position = 0;
        using var theirs = new System.IO.Compression.ZipArchive(mine);
        Assert.NotEqual(0, written);
        Assert.Equal(written, theirs.Entries.Count);
        var number = (await TaskAsync(id)).Number;
        Assert.All(theirs.Entries, e => Assert.StartsWith(number + "/", e.FullName));
        Assert.Empty((await ListAs(_enterpriseOwner, TaskList.Organization)).Value!.Rows);
        Assert.Equal(SigningTaskStatus.InProgress, (await TaskAsync(id)).Status);
    }

    [Fact]
    public async Task A_download_leaves_a_trail_event_per_task_with_actor_ip_and_outcome_a_preview_or_a_refused_download_none()
    {
        var id = await SentAsync();
        var task = await TaskAsync(id);
        var document = task.Documents[0];
        async Task<List<TaskEventView>> DownloadsAsync() =>
            [.. ResultAssert.Ok(await DetailAs(_initiator, id)).Trail.Where(e => e.Action == TaskEventActions.Downloaded)];

        // A page's preview is no download; the one who may not see the task yet (out of turn) and another tenant get 404 and
        // write nothing in a trail that is not theirs.
        ResultAssert.Ok(await As<DownloadTaskDocuments, Result<TaskFile>>(_initiator, s => s.DocumentAsync(id, document.Id)));
        ResultAssert.Refused(Errors.NotFound, await As<DownloadTaskDocuments, Result<TaskFile>>(_member, s => s.DownloadAsync(id, document.Id)));
        ResultAssert.Refused(Errors.NotFound, await As<DownloadTaskDocuments, Result<TaskFile>>(_enterpriseOwner, s => s.DownloadAsync(id, document.Id)));
        using (var outsider = new MemoryStream())
        {
            await As<DownloadTaskDocuments, int>(_enterpriseOwner, s => s.ZipAsync([id], outsider));
        }
        Assert.Empty(await DownloadsAsync());

        // The initiator downloads the document, the head (whose turn it is) a zip: one event each, who, from where, succeeded.
        var file = ResultAssert.Ok(await As<DownloadTaskDocuments, Result<TaskFile>>(_initiator, s => s.DownloadAsync(id, document.Id)));
        Assert.Equal(document.Name, file.FileName);
        using (var zip = new MemoryStream())
        {
            Assert.Equal(1, await As<DownloadTaskDocuments, int>(_head, s => s.ZipAsync([id], zip)));
        }
        var events = await DownloadsAsync();
        Assert.Equal([task.InitiatorName, task.Participants.Single(p => p.UserId == _head).Name], events.Select(e => e.ActorName));
        Assert.All(events, e => Assert.Equal(("127.0.0.1", AuditOutcome.Success), (e.IpAddress, e.Outcome)));
        Assert.Equal(document.Name, events[0].Detail);
        Assert.StartsWith("zip: ", events[1].Detail);

        // A zip the client abandons mid-file records that task's download as failed, then the error goes on.
        await Assert.ThrowsAsync<IOException>(() => As<DownloadTaskDocuments, int>(_initiator, s => s.ZipAsync([id], new BrokenStream())));
        Assert.Equal(AuditOutcome.Failed, (await DownloadsAsync()).Last().Outcome);

        // A document the store lost: the download fails (404) and the trail says so.
        await As<IFileStore, bool>(_initiator, async s =>
        {
            await s.DeleteAsync(document.CurrentFileKey);
            return true;
        });
        ResultAssert.Refused(Errors.NotFound, await As<DownloadTaskDocuments, Result<TaskFile>>(_initiator, s => s.DownloadAsync(id, document.Id)));
        var last = (await DownloadsAsync()).Last();
        Assert.Equal((task.InitiatorName, AuditOutcome.Failed), (last.ActorName, last.Outcome));
        Assert.Equal(4, (await DownloadsAsync()).Count);
    }

    /// <summary>A response body whose client went away: every write fails.</summary>
    private sealed class BrokenStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("client gone");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw new IOException("client gone");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => throw new IOException("client gone");
    }

    [Fact]
    public async Task Sending_refuses_a_participant_who_can_never_sign_with_the_reason()
    {
        // 示例学院 has no 人事专用章: a participant designated to sign with one never could.
        var id = await DraftAsync(participants: [new TaskParticipantInput(_head, ParticipantSignAs.OrganizationSeal, SealType.HumanResources)]);
        var r = ResultAssert.Refused(Errors.TaskNoSealOfType, await As<SendTask, Result>(_initiator, s => s.ExecuteAsync(id)));
        Assert.NotEmpty((string)r.Args[0]);
        Assert.Equal(SigningTaskStatus.Draft, (await TaskAsync(id)).Status);
        Assert.Empty(await SmsToAsync(Demo.CsHead));
    }

    [Fact]
    public async Task A_non_member_cannot_be_a_participant_and_a_deadline_in_the_past_is_refused_at_sending()
    {
        var outsider = await _kit.User(Demo.EnterpriseMember2);
        var r = await As<SaveTaskDraft, Result<SavedTaskDraft>>(_initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(null, "x", null, Today,
            SigningOrder.Sequential, null, [TaskDocumentInput.New("a.pdf", SigningTestKit.Pdf)], [new TaskParticipantInput(outsider)], [])));
        ResultAssert.Refused(Errors.TaskParticipantNotMember, r);
        var id = await DraftAsync();
        _kit.Db.Clock.Advance(TimeSpan.FromDays(5));
        ResultAssert.Refused(Errors.TaskDeadlineInvalid, await As<SendTask, Result>(_initiator, s => s.ExecuteAsync(id)));
    }

    [Fact]
    public async Task A_hostile_upload_is_refused_in_words_and_nothing_is_stored()
    {
        var r = await As<SaveTaskDraft, Result<SavedTaskDraft>>(_initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(null, "x", null, Today,
            SigningOrder.Sequential, null, [TaskDocumentInput.New("a.pdf", "not a pdf"u8.ToArray())], [new TaskParticipantInput(_head)], [])));
        Assert.False(r.Succeeded);
        await using var ctx = _kit.Db.Db(_org);
        Assert.False(await ctx.SigningTasks.AnyAsync());
    }

    [Fact]
    public async Task The_owner_edits_the_business_types_members_pick_from_them_and_a_task_keeps_its_types_name()
    {
        ResultAssert.Refused(Errors.Forbidden, await As<EditBusinessTypes, Result<Guid>>(_head, s => s.SaveAsync(null, "多人会签")));
        var type = ResultAssert.Ok(await As<EditBusinessTypes, Result<Guid>>(_owner, s => s.SaveAsync(null, "多人会签")));
        ResultAssert.Refused(Errors.TaskBusinessTypeInvalid, await As<EditBusinessTypes, Result<Guid>>(_owner, s => s.SaveAsync(null, "多人会签")));
        Assert.Single(ResultAssert.Ok(await As<EditBusinessTypes, Result<IReadOnlyList<BusinessTypeRow>>>(_initiator, s => s.ListAsync())));
        var saved = ResultAssert.Ok(await As<SaveTaskDraft, Result<SavedTaskDraft>>(_initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(null,
            "评审", type, Today, SigningOrder.Sequential, null, [TaskDocumentInput.New("a.pdf", SigningTestKit.Pdf)], [new TaskParticipantInput(_head)], []))));
        ResultAssert.Ok(await As<EditBusinessTypes, Result<Guid>>(_owner, s => s.SaveAsync(type, "校内会签", archived: true)));
        Assert.Empty(ResultAssert.Ok(await As<EditBusinessTypes, Result<IReadOnlyList<BusinessTypeRow>>>(_initiator, s => s.ListAsync())));
        Assert.Equal("多人会签", (await TaskAsync(saved.TaskId)).BusinessTypeName);
    }

    [Fact]
    public void Sms_text_is_cut_to_twenty_characters_and_loses_links()
    {
        Assert.Equal("请看", TaskRules.SmsText("请看 https://a.b/c"));
        Assert.Equal("访问即可", TaskRules.SmsText("访问www.evil.cn即可"));
        Assert.Equal(20, TaskRules.SmsText(new string('字', 40)).Length);
    }
}
