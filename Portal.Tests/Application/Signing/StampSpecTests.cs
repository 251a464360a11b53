using Portal.Application.Common;
using Portal.Application.Signing;

namespace Portal.Tests.Application.Signing;

/// <summary>
/// The placements' canonical text (what a use approval binds to) and their checks: every kind round-trips, a keyword of any
/// text (the separators ";" and ":" included) comes back exactly, the other kinds keep the text stored approvals were made with.
/// </summary>
public class StampSpecTests
{
    public static TheoryData<string> NastyKeywords => new()
    {
        "甲方（盖章）",
        "乙方:盖章;",
        ";;;",
        ":::",
        "a:b;c:d",
        "5:0:0.0:0.0:::0:QQ",
        "=+/-_ %3A%3B",
        "签章 处\t", // a tab is a control character: refused by Check, still round-trips
        "😀 emoji 𠀀",
        "\\u003b 'quoted' \"double\"",
        new string('长', StampSpec.MaxKeywordLength),
    };

    [Theory]
    [MemberData(nameof(NastyKeywords))]
    public void A_keyword_stamp_round_trips_through_the_canonical_text_whatever_its_text(string keyword)
    {
        StampSpec[] stamps =
        [
            new(StampKind.Single, 2, 150.5, 300),
            StampSpec.AtKeyword(keyword),
            StampSpec.AtKeyword(keyword, KeywordMatch.Last, -30, 12.5),
            new(StampKind.CrossPage, 0, 0, 400, 1, 3),
        ];
        var text = StampSpec.Canonical(stamps);
        Assert.Equal(4, text.Split(';').Length); // the keyword adds no separator of its own
        var back = StampSpec.ParseCanonical(text);
        Assert.Equal(stamps, back);
        Assert.Equal(text, StampSpec.Canonical(back));
    }

    [Fact]
    public void The_other_kinds_keep_the_canonical_text_stored_approvals_were_made_with()
    {
        Assert.Equal("1:2:150.0:300.0::;2:0:10.0:20.0::;3:0:10.0:20.0:1:2;4:0:0.0:400.0:1:3", StampSpec.Canonical(
        [
            new(StampKind.Single, 2, 150, 300), new(StampKind.AllPages, 0, 10, 20), new(StampKind.PageRange, 0, 10, 20, 1, 2),
            new(StampKind.CrossPage, 0, 0, 400, 1, 3),
        ]));
        // Different keywords, matches or offsets are different placements (an approval for one is not for the other).
        Assert.NotEqual(StampSpec.Canonical([StampSpec.AtKeyword("甲方")]), StampSpec.Canonical([StampSpec.AtKeyword("乙方")]));
        Assert.NotEqual(StampSpec.Canonical([StampSpec.AtKeyword("甲方")]), StampSpec.Canonical([StampSpec.AtKeyword("甲方", KeywordMatch.First)]));
        Assert.NotEqual(StampSpec.Canonical([StampSpec.AtKeyword("甲方")]), StampSpec.Canonical([StampSpec.AtKeyword("甲方", offsetX: 20)]));
    }

    [Fact]
    public void A_keyword_stamp_needs_one_to_a_hundred_characters_without_control_characters_and_a_bounded_offset()
    {
        Assert.Null(StampSpec.Check([StampSpec.AtKeyword("甲方（盖章）"), StampSpec.AtKeyword("乙方", KeywordMatch.Last, -40, -40)], 3));
        Assert.Null(StampSpec.Check([StampSpec.AtKeyword(new string('长', 100))], 1));
        foreach (var bad in new[] { "", "   ", new string('长', 101), "甲方\n盖章", "甲方\t", "\0", "\ud800甲方" })
        {
            Assert.Equal(Errors.PlacementKeywordInvalid, StampSpec.Check([StampSpec.AtKeyword(bad)], 3)?.Code);
        }
        Assert.Equal(Errors.PlacementKeywordInvalid, StampSpec.Check([new StampSpec(StampKind.Keyword, 0, 0, 0)], 3)?.Code);
        Assert.Equal(Errors.PlacementInvalid, StampSpec.Check([StampSpec.AtKeyword("甲方", (KeywordMatch)7)], 3)?.Code);
        Assert.Equal(Errors.PlacementInvalid, StampSpec.Check([StampSpec.AtKeyword("甲方", offsetX: double.NaN)], 3)?.Code);
        Assert.Equal(Errors.PlacementInvalid, StampSpec.Check([StampSpec.AtKeyword("甲方", offsetY: double.NegativeInfinity)], 3)?.Code);
        // Together they must fit the use request's column: ten keywords of a hundred CJK characters do not.
        Assert.Equal(Errors.PlacementTooMany, StampSpec.Check([.. Enumerable.Range(0, 10).Select(i => StampSpec.AtKeyword(new string((char)('一' + i), 100)))], 3)?.Code);
        Assert.Null(StampSpec.Check([.. Enumerable.Range(0, 9).Select(i => StampSpec.AtKeyword(new string((char)('一' + i), 100)))], 3));
        // A keyword on another kind would not be in its canonical text: refused rather than silently dropped.
        Assert.Equal(Errors.PlacementInvalid, StampSpec.Check([new StampSpec(StampKind.Single, 1, 100, 100, Keyword: "甲方")], 3)?.Code);
    }
}
