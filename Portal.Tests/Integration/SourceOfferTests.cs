using System.Net;
using Microsoft.AspNetCore.Hosting;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>AGPL-3.0 §13: a deployment offers its users the source it runs.</summary>
public sealed class SourceOfferTests : IDisposable
{
    private readonly string _archive = TestTemp.NewFilePath(".tar.gz");

    [Fact]
    public async Task The_packed_archive_is_offered_on_the_source_page_and_downloads_as_is()
    {
        byte[] content = [0x1f, 0x8b, 8, 0, 1, 2, 3, 4];
        await File.WriteAllBytesAsync(_archive, content);
        await using var factory = new SourceFactory(_archive, repositoryUrl: null);
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync("/source");
        Assert.Contains("data-testid=\"source-archive\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"source-missing\"", page, StringComparison.Ordinal);

        var download = await client.GetAsync("/source/portal-source.tar.gz");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/gzip", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Without_an_archive_the_page_links_the_repository_or_says_nothing_is_configured()
    {
        await using (var withUrl = new SourceFactory(_archive, "https://git.example.org/portal"))
        {
            using var client = withUrl.CreateClient();
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/source/portal-source.tar.gz")).StatusCode);
            var page = await client.GetStringAsync("/source");
            Assert.Contains("https://git.example.org/portal", page, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"source-archive\"", page, StringComparison.Ordinal);
        }
        await using var neither = new SourceFactory(_archive, repositoryUrl: null);
        using var bare = neither.CreateClient();
        Assert.Contains("data-testid=\"source-missing\"", await bare.GetStringAsync("/source"), StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_archive);

    private sealed class SourceFactory(string archive, string? repositoryUrl) : PortalWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Portal:SourceArchive", archive);
            builder.UseSetting("Portal:SourceUrl", repositoryUrl ?? "");
        }
    }
}
