using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Certification;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Organizations;
using Portal.Application.Reviews;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Reviews;

/// <summary><c>/platform/files/{key}</c>: only what a review queue shows, to platform admins.</summary>
public class OpenReviewFileTests
{
    [Fact]
    public async Task A_file_is_served_only_while_a_review_queue_shows_it_and_only_to_platform_admins()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var admin = await db.UserIdAsync(Demo.PlatformAdmin);
        var registrant = await db.UserIdAsync(Demo.CaSupport);
        async Task<Result<Stream>> OpenAsync(Guid user, string key, params string[] roles)
        {
            await using var scope = db.As(user, roles);
            var r = await scope.ServiceProvider.GetRequiredService<OpenReviewFile>().ExecuteAsync(key);
            if (r.Succeeded)
            {
                await r.Value!.DisposeAsync();
            }
            return r;
        }

        // A stored file no queue shows: the certified demo enterprise's licence (a decided case) and a file of nobody's review.
        string decided;
        await using (var ctx = db.Db())
        {
            decided = (await ctx.Organizations.Where(o => o.Uscc == Portal.Application.Seeding.DemoSeed.EnterpriseUscc)
                .Select(o => o.BusinessLicenseFile).SingleAsync())!;
        }
        var other = await db.Services.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream([1, 2, 3]), "contract.pdf");
        ResultAssert.Refused(Errors.NotFound, await OpenAsync(admin, decided, PlatformRoles.PlatformAdmin));
        ResultAssert.Refused(Errors.NotFound, await OpenAsync(admin, other, PlatformRoles.PlatformAdmin));

        // An organization in the manual review queue: its licence is served to a platform admin, to nobody else.
        var org = ResultAssert.Ok(await db.RunAsync<CreateOrganization, Result<Guid>>(registrant, s => s.ExecuteAsync(new CreateOrganizationRequest(
            "待审有限公司", Checksums.CompleteUscc("91350100M00090000"), OrganizationType.Enterprise, "张三",
            Checksums.CompleteIdNumber("11010519491231002"), false))));
        var png = new UploadedFile("licence.png", [0x89, 0x50, 0x4E, 0x47]);
        ResultAssert.Ok(await db.RunAsync<UploadCertificationDocument, Result>(registrant, s => s.ExecuteAsync(org, CertificationDocument.BusinessLicense, png)));
        ResultAssert.Ok(await db.RunAsync<UploadCertificationDocument, Result>(registrant, s => s.ExecuteAsync(org, CertificationDocument.AuthorizationLetter, png)));
        ResultAssert.Ok(await db.RunAsync<SubmitForManualReview, Result>(registrant, s => s.ExecuteAsync(org)));
        string licence;
        await using (var ctx = db.Db())
        {
            licence = (await ctx.Organizations.Where(o => o.Id == org).Select(o => o.BusinessLicenseFile).SingleAsync())!;
        }
        ResultAssert.Ok(await OpenAsync(admin, licence, PlatformRoles.PlatformAdmin));
        ResultAssert.Refused(Errors.Forbidden, await OpenAsync(registrant, licence));
        ResultAssert.Refused(Errors.Forbidden, await OpenAsync(registrant, licence, PlatformRoles.CaSupport));

        // Decided: the queue no longer shows it.
        await using (var scope = db.As(admin, PlatformRoles.PlatformAdmin))
        {
            ResultAssert.Ok(await scope.ServiceProvider.GetRequiredService<ReviewCertification>().ExecuteAsync(org, false, "执照不清"));
        }
        ResultAssert.Refused(Errors.NotFound, await OpenAsync(admin, licence, PlatformRoles.PlatformAdmin));
    }
}
