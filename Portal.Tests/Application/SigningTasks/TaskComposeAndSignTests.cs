using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;
using Portal.Application.Signing;
using Portal.Application.SigningTasks;
using Portal.Tests.Application.Signing;
using Portal.Tests.Support;

namespace Portal.Tests.Application.SigningTasks;

/// <summary>
/// What the compose and sign pages read and the task-bound use request, at 示例科技: 李娜 (seal admin) initiates, 王强 (holds
/// the 合同专用章 grant) signs with the organization seal, 赵敏 after him; the draft editor, the directory search, the sign
/// page's view (turn, seals of the designated type, positions, approvals) and a per-use approval bound to task + document +
/// placements.
/// </summary>
public sealed class TaskComposeAndSignTests : IAsyncLifetime
{
    private SigningTestKit _kit = null!;
    private Guid _org, _initiator, _wang, _zhao, _contract;
    private static readonly StampSpec[] Stamps = [new(StampKind.Single, 1, 200, 300)];

    public async Task InitializeAsync()
    {
        _kit = await SigningTestKit.CreateAsync();
        _org = _kit.Enterprise;
        _initiator = await _kit.User(Demo.EnterpriseSealAdmin);
        _wang = await _kit.User(Demo.EnterpriseMember);
        _zhao = await _kit.User(Demo.EnterpriseMember2);
        _contract = (await _kit.SealAsync(_org, s => s.Type == SealType.Contract)).Id;
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    private DateOnly Today => DateOnly.FromDateTime(_kit.Db.Clock.GetUtcNow().UtcDateTime.AddHours(8));

    private Task<T> As<TUseCase, T>(Guid user, Func<TUseCase, Task<T>> act) where TUseCase : notnull => _kit.Db.RunAsync(user, act);

    private async Task<Guid> DraftAsync(SealType? designated = SealType.Contract, bool freePlacement = true)
    {
        var saved = await As<SaveTaskDraft, Result<SavedTaskDraft>>(_initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(null, "采购合同", null,
            Today.AddDays(3), SigningOrder.Sequential, 2, [TaskDocumentInput.New("合同.pdf", SigningTestKit.Pdf)],
            [
                new TaskParticipantInput(_wang, ParticipantSignAs.OrganizationSeal, designated, freePlacement, AllowRefusal: true,
                    Positions: [new TaskPositionInput(0, 1, 200, 300, null), new TaskPositionInput(0, null, null, null, "甲方")]),
                new TaskParticipantInput(_zhao),
            ], [_initiator])));
        return ResultAssert.Ok(saved).TaskId;
    }

    private async Task<Guid> SentAsync(SealType? designated = SealType.Contract)
    {
        var id = await DraftAsync(designated);
        ResultAssert.Ok(await As<SendTask, Result>(_initiator, s => s.ExecuteAsync(id)));
        return id;
    }

    private Task EditContractRule(Action<SealPolicyRule> edit) => _kit.EditAsync(_org, async db =>
    {
        var policy = await SealPolicies.EnsureAsync(db, _org, DateTime.UtcNow);
        var rule = policy.Rules.Single(r => r.SealId is null && r.SealType == SealType.Contract);
        edit(rule);
        rule.ConcurrencyStamp = Guid.NewGuid();
    });

    private Task<Result<TaskSigningView>> SigningAs(Guid user, Guid id) => As<GetTaskSigning, Result<TaskSigningView>>(user, s => s.ExecuteAsync(id));

    [Fact]
    public async Task The_draft_editor_gets_every_input_back_only_for_its_initiator_and_only_while_it_is_a_draft()
    {
        var id = await DraftAsync();
        var draft = ResultAssert.Ok(await As<GetTaskDraft, Result<TaskDraftView>>(_initiator, s => s.ExecuteAsync(id)));
        Assert.Equal("采购合同", draft.Name);
        Assert.Equal(Today.AddDays(3), draft.Deadline);
        Assert.Equal(2, draft.ReminderIntervalDays);
        var doc = Assert.Single(draft.Documents);
        Assert.Equal(3, doc.Pages);
        Assert.Equal([_wang, _zhao], draft.Participants.Select(p => p.UserId));
        var wang = draft.Participants[0];
        Assert.Equal((ParticipantSignAs.OrganizationSeal, SealType.Contract, true), (wang.SignAs, wang.DesignatedSealType, wang.AllowRefusal));
        Assert.Contains(wang.Positions, p => p.DocumentId == doc.Id && p.Page == 1 && p.X == 200 && p.Y == 300);
        Assert.Contains(wang.Positions, p => p.Keyword == "甲方");
        Assert.Equal([_initiator], draft.Cc.Select(c => c.UserId));

        // Saved back unchanged from the view, with the stamp it was read with: still the same task.
        var resaved = await As<SaveTaskDraft, Result<SavedTaskDraft>>(_initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(id, draft.Name,
            draft.BusinessTypeId, draft.Deadline, draft.Order, draft.ReminderIntervalDays, [TaskDocumentInput.Keep(doc.Id)],
            draft.Participants.Select(p => new TaskParticipantInput(p.UserId, p.SignAs, p.DesignatedSealType, p.AllowFreePlacement, p.AllowRefusal, p.Step,
                p.Positions.Select(x => new TaskPositionInput(0, x.Page, x.X, x.Y, x.Keyword)).ToList())).ToList(),
            draft.Cc.Select(c => c.UserId).ToList(), draft.ConcurrencyStamp)));
        Assert.Equal(draft.Number, ResultAssert.Ok(resaved).Number);

        ResultAssert.Refused(Errors.NotFound, await As<GetTaskDraft, Result<TaskDraftView>>(_wang, s => s.ExecuteAsync(id)));
        ResultAssert.Ok(await As<SendTask, Result>(_initiator, s => s.ExecuteAsync(id)));
        ResultAssert.Refused(Errors.TaskNotDraft, await As<GetTaskDraft, Result<TaskDraftView>>(_initiator, s => s.ExecuteAsync(id)));
    }

    [Fact]
    public async Task A_designated_keyword_that_is_not_in_its_document_is_refused_when_sending_and_the_task_stays_a_draft()
    {
        var saved = ResultAssert.Ok(await As<SaveTaskDraft, Result<SavedTaskDraft>>(_initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(null, "采购合同",
            null, Today.AddDays(3), SigningOrder.Sequential, null, [TaskDocumentInput.New("合同.pdf", SigningTestKit.Pdf)],
            [new TaskParticipantInput(_zhao, AllowFreePlacement: false, Positions: [new TaskPositionInput(0, null, null, null, "乙方:盖章;")])], []))));
        var refused = ResultAssert.Refused(Errors.TaskKeywordNotFound, await As<SendTask, Result>(_initiator, s => s.ExecuteAsync(saved.TaskId)));
        Assert.Equal(["乙方:盖章;", "合同.pdf"], refused.Args);
        await using (var ctx = _kit.Db.Db(_org))
        {
            Assert.Equal(SigningTaskStatus.Draft, (await ctx.SigningTasks.SingleAsync(t => t.Id == saved.TaskId)).Status);
        }
        // A keyword the initiator cannot save at all: a line break never matches.
        ResultAssert.Refused(Errors.PlacementKeywordInvalid, await As<SaveTaskDraft, Result<SavedTaskDraft>>(_initiator, s => s.ExecuteAsync(
            new SaveTaskDraftCommand(null, "采购合同", null, Today.AddDays(3), SigningOrder.Sequential, null, [TaskDocumentInput.New("合同.pdf", SigningTestKit.Pdf)],
                [new TaskParticipantInput(_zhao, Positions: [new TaskPositionInput(0, null, null, null, "甲方\n盖章")])], []))));
    }

    [Fact]
    public async Task The_directory_finds_members_of_the_organization_by_name_or_department_and_in_the_personal_space_only_the_caller()
    {
        var university = _kit.University;
        var head = await _kit.User(Demo.CsHead);
        await _kit.Db.SwitchAsync(head, university);
        var byName = ResultAssert.Ok(await As<SearchTaskDirectory, Result<IReadOnlyList<DirectoryPerson>>>(head, s => s.ExecuteAsync("周")));
        Assert.Equal(["周杰"], byName.Select(p => p.Name));
        var byDepartment = ResultAssert.Ok(await As<SearchTaskDirectory, Result<IReadOnlyList<DirectoryPerson>>>(head, s => s.ExecuteAsync("计算机学院")));
        Assert.Equal(["周杰", "王强", "黄磊"], byDepartment.Select(p => p.Name).Order());
        Assert.True(byDepartment.Single(p => p.Name == "黄磊").IsMe);
        // Another organization's members are not in it.
        var everyone = ResultAssert.Ok(await As<SearchTaskDirectory, Result<IReadOnlyList<DirectoryPerson>>>(head, s => s.ExecuteAsync("")));
        Assert.DoesNotContain(everyone, p => p.Name is "李娜" or "赵敏");

        await _kit.Db.SwitchAsync(head, null);
        var personal = ResultAssert.Ok(await As<SearchTaskDirectory, Result<IReadOnlyList<DirectoryPerson>>>(head, s => s.ExecuteAsync("周")));
        Assert.Equal([head], personal.Select(p => p.UserId));

        // A draft of another organization cannot be used to read its directory.
        var id = await DraftAsync();
        ResultAssert.Refused(Errors.NotFound, await As<SearchTaskDirectory, Result<IReadOnlyList<DirectoryPerson>>>(head, s => s.ExecuteAsync("", id)));
    }

    [Fact]
    public async Task The_sign_page_shows_the_signer_their_turn_seals_of_the_designated_type_and_positions_and_hides_the_task_from_the_next_signer()
    {
        var id = await SentAsync();
        var view = ResultAssert.Ok(await SigningAs(_wang, id));
        Assert.Null(view.Refusal);
        var turn = view.Turn!;
        Assert.Equal(ParticipantSignAs.OrganizationSeal, turn.SignAs);
        var seal = Assert.Single(turn.Seals);
        Assert.Equal((_contract, true), (seal.SealId, seal.Allowed));
        Assert.Equal(2, turn.Positions.Count);
        Assert.True(turn.AllowRefusal);
        Assert.Single(view.Documents);

        // Sequential order: 赵敏 does not see it before her turn; the CC recipient sees it and cannot sign.
        ResultAssert.Refused(Errors.NotFound, await SigningAs(_zhao, id));
        var cc = ResultAssert.Ok(await SigningAs(_initiator, id));
        Assert.Null(cc.Turn);
        Assert.Equal(Errors.TaskNotAParticipant, cc.Refusal?.Code);

        // Refused: voided, and everyone who sees it sees why.
        ResultAssert.Ok(await As<RefuseTask, Result>(_wang, s => s.ExecuteAsync(id, "金额有误")));
        var voided = ResultAssert.Ok(await SigningAs(_initiator, id));
        Assert.Equal((SigningTaskStatus.Voided, TaskVoidKind.Refused, "金额有误"), (voided.Status, voided.VoidKind, voided.VoidReason));
        Assert.Equal(Errors.TaskVoided, voided.Refusal?.Code);
        Assert.Null(ResultAssert.Ok(await SigningAs(_wang, id)).Turn);
    }

    [Fact]
    public async Task A_per_use_approval_inside_a_task_binds_to_the_task_document_and_placements_and_is_checked_like_a_signature()
    {
        // Without per-use approval there is nothing to ask.
        var plain = await SentAsync();
        var documentId = ResultAssert.Ok(await SigningAs(_wang, plain)).Documents[0].Id;
        ResultAssert.Refused(Errors.UseRequestNotApprovable, await As<SubmitTaskUseRequest, Result<Guid>>(_wang,
            s => s.ExecuteAsync(new SubmitTaskUseRequestCommand(plain, documentId, _contract, Stamps, "签合同"))));

        await EditContractRule(r => r.RequiresUseApproval = true);
        var id = await SentAsync();
        var view = ResultAssert.Ok(await SigningAs(_wang, id));
        Assert.True(view.Turn!.Seals.Single().NeedsUseApproval);
        var doc = view.Documents[0].Id;
        var submit = (Guid user, Guid task, Guid document, IReadOnlyList<StampSpec> stamps) => As<SubmitTaskUseRequest, Result<Guid>>(user,
            s => s.ExecuteAsync(new SubmitTaskUseRequestCommand(task, document, _contract, stamps, "签合同")));

        // Refused like a signature: another participant out of turn, an unknown document, placements off the page.
        ResultAssert.Refused(Errors.NotFound, await submit(_zhao, id, doc, Stamps));
        ResultAssert.Refused(Errors.NotFound, await submit(_wang, id, Guid.NewGuid(), Stamps));
        ResultAssert.Refused(Errors.PlacementInvalid, await submit(_wang, id, doc, [new StampSpec(StampKind.Single, 9, 200, 300)]));
        ResultAssert.Refused(Errors.PlacementRequired, await submit(_wang, id, doc, []));

        var requestId = ResultAssert.Ok(await submit(_wang, id, doc, Stamps));
        ResultAssert.Refused(Errors.SealUseApprovalPending, await submit(_wang, id, doc, Stamps));
        await using (var ctx = _kit.Db.Db(_org))
        {
            var request = await ctx.SealUseRequests.SingleAsync(r => r.Id == requestId);
            Assert.Equal(new TaskSigning(id, doc).ApprovalKey, request.TaskDocumentKey);
            Assert.Equal(StampSpec.Canonical(Stamps), request.Placements);
            var current = await ctx.TaskDocuments.SingleAsync(d => d.Id == doc);
            Assert.Equal((current.CurrentFileKey, current.CurrentSha256), (request.DocumentFileKey, request.DocumentSha256));
        }
        var key = new SealUseDocument("", StampSpec.Canonical(Stamps), new TaskSigning(id, doc).ApprovalKey);
        Assert.Equal(Errors.SealUseApprovalPending, (await _kit.DecideAsync(_org, _wang, _contract, key)).Refusal?.Code);
        ResultAssert.Ok(await As<DecideUseRequest, Result>(_initiator, s => s.ExecuteAsync(requestId, true, "同意")));

        // Approved for this task and document, whatever the version's hash becomes; the sign page shows the approval.
        var approved = await _kit.DecideAsync(_org, _wang, _contract, key with { Sha256 = "changed" });
        Assert.True(approved.Allowed, approved.Refusal?.ToString());
        Assert.Equal(requestId, approved.UseRequestId);
        var shown = Assert.Single(ResultAssert.Ok(await SigningAs(_wang, id)).Turn!.Approvals);
        Assert.Equal((requestId, doc, RequestStatus.Approved), (shown.RequestId, shown.DocumentId, shown.Status));
        Assert.Equal(Stamps, shown.Stamps);
        // Not for the same placements on another task's document.
        var otherKey = key with { TaskDocumentKey = new TaskSigning(plain, documentId).ApprovalKey };
        Assert.Equal(Errors.SealUseApprovalRequired, (await _kit.DecideAsync(_org, _wang, _contract, otherKey)).Refusal?.Code);
    }

    [Fact]
    public async Task A_task_use_request_for_a_seal_of_another_type_than_designated_is_refused()
    {
        await EditContractRule(r => r.RequiresUseApproval = true);
        var id = await SentAsync(SealType.Official);
        var doc = ResultAssert.Ok(await SigningAs(_wang, id)).Documents[0].Id;
        var r = await As<SubmitTaskUseRequest, Result<Guid>>(_wang, s => s.ExecuteAsync(new SubmitTaskUseRequestCommand(id, doc, _contract, Stamps, null)));
        ResultAssert.Refused(Errors.TaskSealTypeDesignated, r);
        await using var ctx = _kit.Db.Db(_org);
        Assert.False(await ctx.SealUseRequests.AnyAsync());
    }
}
