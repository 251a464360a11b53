using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Portal.Application.Signing;
using Portal.Tests.Signing.Support;
using Portal.Web.Components.Pages.Signing.Components;

namespace Portal.Tests.Web;

/// <summary>The placement form: a click on a page becomes a placement of the chosen kind; impossible ones are refused in words.</summary>
public class PdfStampPlacerTests
{
    private static readonly byte[] Pdf = TestPdfs.Make(3);

    private static BunitContext Context()
    {
        var ctx = PortalBunit.Create(checkPopoverProvider: true);
        ctx.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return ctx;
    }

    [Fact]
    public async Task A_click_places_a_single_stamp_and_chips_count_and_remove_them()
    {
        await using var ctx = Context();
        IReadOnlyList<StampSpec> placed = [];
        ctx.Render<MudBlazor.MudPopoverProvider>();
        var cut = ctx.Render<PdfStampPlacer>(p => p
            .Add(x => x.Pdf, Pdf).Add(x => x.PageCount, 3)
            .Add(x => x.StampsChanged, (IReadOnlyList<StampSpec> s) => placed = s));
        await cut.InvokeAsync(() => cut.Instance.OnPageClicked(2, 300.5, 400));
        Assert.Equal([new StampSpec(StampKind.Single, 2, 300.5, 400)], placed);
        Assert.Single(cut.FindAll("[data-testid=stamp-chip]"));
        Assert.Contains("1", cut.Find("[data-testid=stamp-count]").TextContent);
        await cut.InvokeAsync(() => cut.Instance.OnPageClicked(3, 10, 10));
        Assert.Equal(2, placed.Count);
        cut.Find("[data-testid=stamp-clear]").Click();
        Assert.Empty(placed);
        Assert.Empty(cut.FindAll("[data-testid=stamp-chip]"));
    }

    [Fact]
    public async Task An_impossible_placement_is_refused_with_the_reason_and_not_added()
    {
        await using var ctx = Context();
        IReadOnlyList<StampSpec> placed = [];
        ctx.Render<MudBlazor.MudPopoverProvider>();
        var cut = ctx.Render<PdfStampPlacer>(p => p
            .Add(x => x.Pdf, Pdf).Add(x => x.PageCount, 3)
            .Add(x => x.StampsChanged, (IReadOnlyList<StampSpec> s) => placed = s));
        await cut.InvokeAsync(() => cut.Instance.OnPageClicked(4, 10, 10));
        Assert.Empty(placed);
        Assert.Contains("1–3", cut.Find("[data-testid=stamp-form-error]").TextContent);
    }

    [Fact]
    public async Task Keyword_stamps_are_counted_where_the_document_has_the_keyword_and_a_missing_keyword_is_said_before_signing()
    {
        await using var ctx = Context();
        ctx.Render<MudBlazor.MudPopoverProvider>();
        var hits = new Dictionary<string, IReadOnlyList<KeywordHit>?>
        {
            ["甲方"] = [new KeywordHit(1, 72, 120, 24, 12), new KeywordHit(3, 72, 120, 24, 12)],
            ["丙方"] = [],
        };
        var cut = ctx.Render<PdfStampPlacer>(p => p
            .Add(x => x.Pdf, Pdf).Add(x => x.PageCount, 3).Add(x => x.ReadOnly, true)
            .Add(x => x.Stamps, [StampSpec.AtKeyword("甲方"), StampSpec.AtKeyword("甲方", KeywordMatch.Last), StampSpec.AtKeyword("丙方")])
            .Add(x => x.LocateKeyword, k => hits.GetValueOrDefault(k)));
        Assert.Equal(["关键字「甲方」处", "关键字「甲方」处", "关键字「丙方」处"], cut.FindAll("[data-testid=stamp-chip]").Select(c => c.TextContent.Trim()));
        Assert.Contains("共 3 个印章", cut.Find("[data-testid=stamp-count]").TextContent);
        Assert.Contains("丙方", Assert.Single(cut.FindAll("[data-testid=stamp-keyword-missing]")).TextContent);

        // Without a locator the keyword stamps are counted apart.
        var blind = ctx.Render<PdfStampPlacer>(p => p
            .Add(x => x.Pdf, Pdf).Add(x => x.PageCount, 3).Add(x => x.ReadOnly, true)
            .Add(x => x.Stamps, [new StampSpec(StampKind.Single, 1, 100, 100), StampSpec.AtKeyword("甲方")]));
        Assert.Contains("另在 1 个关键字", blind.Find("[data-testid=stamp-count]").TextContent);
    }
}
