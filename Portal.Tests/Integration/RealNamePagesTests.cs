using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The 实名认证 reminder and page as the server renders them, and the reviewers' file download.</summary>
public class RealNamePagesTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task An_unverified_member_is_reminded_and_a_verified_one_is_not()
    {
        using var zhao = await factory.LoginAsync(Demo.EnterpriseMember2);
        var html = await zhao.GetStringAsync("/personal");
        Assert.Contains("data-testid=\"realname-reminder\"", html);
        Assert.Contains("data-testid=\"realname-start\"", await zhao.GetStringAsync("/personal/realname"));

        using var owner = await factory.LoginAsync(Demo.EnterpriseOwner);
        Assert.DoesNotContain("data-testid=\"realname-reminder\"", await owner.GetStringAsync("/personal"));
        var page = await owner.GetStringAsync("/personal/realname");
        Assert.Contains("data-testid=\"realname-verified\"", page);
        Assert.Contains("张伟", page);
    }

    [Fact]
    public async Task Uploaded_files_are_served_to_platform_admins_only_while_a_review_queue_shows_them()
    {
        string key, decided;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await using var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, null);
            // A certified organization's licence: a decided case, no queue shows it.
            decided = await db.Organizations.IgnoreQueryFilters().Where(o => o.BusinessLicenseFile != null).Select(o => o.BusinessLicenseFile!).FirstAsync();
            // A proof in the platform's organization review queue.
            key = await scope.ServiceProvider.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream(Convert.FromBase64String(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")), "proof.png");
            var org = await db.Organizations.IgnoreQueryFilters().Select(o => o.Id).FirstAsync();
            db.PlatformReviewRequests.Add(new Portal.Application.Domain.PlatformReviewRequest
            {
                Id = Guid.NewGuid(),
                OrganizationId = org,
                Kind = Portal.Application.Domain.PlatformReviewKind.InformationChange,
                RequestedByUserId = Guid.NewGuid(),
                NewName = "待审名称",
                Reason = "test",
                ProofFile = key,
                Status = Portal.Application.Domain.RequestStatus.Pending,
                CreatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        using var owner = await factory.LoginAsync(Demo.EnterpriseOwner);
        var refused = await owner.GetAsync("/platform/files/" + key);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        using var admin = await factory.LoginAsync(Demo.PlatformAdmin);
        var served = await admin.GetAsync("/platform/files/" + key);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/platform/files/nothing.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/platform/files/" + decided)).StatusCode);
        Assert.Contains("data-testid=\"realname-queue-link\"", await admin.GetStringAsync("/platform"));
    }
}
