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
}
