using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Signing;
using Portal.Application.SigningTasks;

namespace Portal.Tests.Application.SigningTasks;

/// <summary>
/// <see cref="TaskRules.CheckSignature"/>'s placements without free placement: a stamp must meet one of the participant's
/// designated positions on this document — a point within a few points, or a keyword stamp on a designated keyword; a plain
/// stamp does not pass because a keyword position exists. With free placement anything goes.
/// </summary>
public class TaskSignaturePlacementTests
{
    private static readonly Guid Document = Guid.NewGuid(), Other = Guid.NewGuid();

    private static TaskParticipant Participant(bool freePlacement, params TaskParticipantPosition[] positions) => new()
    {
        SignAs = ParticipantSignAs.Person,
        AllowFreePlacement = freePlacement,
        Positions = [.. positions],
    };

    private static TaskParticipantPosition Point(Guid document, int page, double x, double y) => new() { DocumentId = document, Page = page, X = x, Y = y };

    private static TaskParticipantPosition Keyword(Guid document, string keyword) => new() { DocumentId = document, Keyword = keyword };

    private static string? Check(TaskParticipant p, params StampSpec[] stamps) => TaskRules.CheckSignature(p, Document, null, personal: true, stamps)?.Code;

    [Fact]
    public void Without_free_placement_a_keyword_stamp_must_be_a_designated_keyword_of_this_participant_on_this_document()
    {
        var p = Participant(false, Keyword(Document, "甲方（盖章）"), Keyword(Other, "乙方（盖章）"));
        Assert.Null(Check(p, StampSpec.AtKeyword("甲方（盖章）")));
        Assert.Null(Check(p, StampSpec.AtKeyword("甲方（盖章）", offsetX: 5, offsetY: -5))); // within the tolerance
        Assert.Equal(Errors.TaskPlacementNotAllowed, Check(p, StampSpec.AtKeyword("乙方（盖章）"))); // another document's
        Assert.Equal(Errors.TaskPlacementNotAllowed, Check(p, StampSpec.AtKeyword("甲方"))); // a part of it is another keyword
        Assert.Equal(Errors.TaskPlacementNotAllowed, Check(p, StampSpec.AtKeyword("甲方（盖章）", KeywordMatch.First)));
        Assert.Equal(Errors.TaskPlacementNotAllowed, Check(p, StampSpec.AtKeyword("甲方（盖章）", offsetY: 200)));
        // A keyword position no longer lets a stamp anywhere through.
        Assert.Equal(Errors.TaskPlacementNotAllowed, Check(p, new StampSpec(StampKind.Single, 1, 100, 100)));
        Assert.Equal(Errors.TaskPlacementNotAllowed, Check(p, new StampSpec(StampKind.AllPages, 0, 100, 100)));
        Assert.Equal(Errors.TaskPlacementNotAllowed, Check(p, StampSpec.AtKeyword("甲方（盖章）"), new StampSpec(StampKind.Single, 1, 100, 100)));
    }

    [Fact]
    public void Without_free_placement_points_and_keywords_are_met_each_by_their_own_kind()
    {
        var p = Participant(false, Point(Document, 2, 300, 200), Keyword(Document, "乙方:盖章;"));
        Assert.Null(Check(p, new StampSpec(StampKind.Single, 2, 305, 195), StampSpec.AtKeyword("乙方:盖章;")));
        Assert.Equal(Errors.TaskPlacementNotAllowed, Check(p, new StampSpec(StampKind.Single, 2, 330, 200)));
        Assert.Equal(Errors.TaskPlacementNotAllowed, Check(p, new StampSpec(StampKind.Single, 1, 300, 200)));
        // The designated positions as the sign page offers them all pass.
        var offered = new[] { new SigningPositionView(Document, 2, 300, 200, null), new SigningPositionView(Document, null, null, null, "乙方:盖章;") };
        Assert.Equal([new StampSpec(StampKind.Single, 2, 300, 200), StampSpec.AtKeyword("乙方:盖章;")], offered.Select(o => o.Stamp));
        Assert.Null(Check(p, [.. offered.Select(o => o.Stamp)]));
        // Nothing designated on this document: nothing may be placed on it.
        Assert.Equal(Errors.TaskPlacementNotAllowed, Check(Participant(false, Keyword(Other, "甲方")), StampSpec.AtKeyword("甲方")));
    }

    [Fact]
    public void With_free_placement_any_stamp_passes_keywords_included()
    {
        var p = Participant(true, Keyword(Document, "甲方（盖章）"));
        Assert.Null(Check(p, StampSpec.AtKeyword("别处"), new StampSpec(StampKind.Single, 3, 10, 10), new StampSpec(StampKind.CrossPage, 0, 0, 300)));
    }
}
