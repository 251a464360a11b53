using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Organizations;
using Portal.Application.Seals;
using Portal.Application.Seeding;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Organizations;

/// <summary>Only the person the organization names as legal representative (verified name and ID number) is linked as one.</summary>
public class LegalRepresentativeLinkTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Guid _org, _owner;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _org = await _db.EnterpriseIdAsync();
        _owner = await _db.UserIdAsync(Demo.EnterpriseOwner);
        await _db.SwitchAsync(_owner, _org);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(Guid Membership, Guid? Linked)> StateAsync(string phone)
    {
        var user = await _db.UserIdAsync(phone);
        await using var ctx = _db.Db(_org);
        return (await ctx.Memberships.Where(m => m.UserId == user).Select(m => m.Id).SingleAsync(),
            await ctx.Organizations.Where(o => o.Id == _org).Select(o => o.LegalRepresentativeUserId).SingleAsync());
    }

    [Fact]
    public async Task A_member_who_is_not_the_registered_legal_representative_is_not_linked_nor_can_consent_to_a_seal()
    {
        var legalRep = await _db.UserIdAsync(Demo.EnterpriseLegalRep);
        // 赵敏 is not verified at all: refused.
        var (zhao, _) = await StateAsync(Demo.EnterpriseMember2);
        ResultAssert.Refused(Errors.LegalRepresentativeIdentityMismatch,
            await _db.RunAsync<SetLegalRepresentativeMember, Result<LegalRepresentativeLink>>(_owner, s => s.ExecuteAsync(zhao)));
        Assert.Equal(legalRep, (await StateAsync(Demo.EnterpriseMember2)).Linked);
        // 王强 is verified, but as himself: not linked — the change of legal representative goes to the platform's review, once.
        var (wangMembership, _) = await StateAsync(Demo.EnterpriseMember);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(LegalRepresentativeLink.SentToReview, ResultAssert.Ok(
                await _db.RunAsync<SetLegalRepresentativeMember, Result<LegalRepresentativeLink>>(_owner, s => s.ExecuteAsync(wangMembership))));
        }
        Assert.Equal(legalRep, (await StateAsync(Demo.EnterpriseMember)).Linked);
        await using (var ctx = _db.Db(_org))
        {
            var review = await ctx.PlatformReviewRequests.SingleAsync(r => r.Status == RequestStatus.Pending);
            Assert.Equal((PlatformReviewKind.InformationChange, "王强", SetLegalRepresentativeMember.ReviewReason),
                (review.Kind, review.NewLegalRepresentativeName, review.Reason));
            Assert.Equal(DemoSeed.DemoIdNumber(Demo.EnterpriseMember), review.NewLegalRepresentativeIdNumber);
        }
        // The genuine one (verified as 刘洋 with the registered ID number) is linked.
        var (liu, _) = await StateAsync(Demo.EnterpriseLegalRep);
        Assert.Equal(LegalRepresentativeLink.Linked, ResultAssert.Ok(
            await _db.RunAsync<SetLegalRepresentativeMember, Result<LegalRepresentativeLink>>(_owner, s => s.ExecuteAsync(liu))));

        // A link made before identities were checked (here: written directly) gives no power to consent to a 法定代表人章.
        var wang = await _db.UserIdAsync(Demo.EnterpriseMember);
        await using (var ctx = _db.Db(_org))
        {
            var org = await ctx.Organizations.SingleAsync(o => o.Id == _org);
            org.LegalRepresentativeUserId = wang;
            await ctx.SaveChangesAsync();
        }
        await _db.SwitchAsync(wang, _org);
        ResultAssert.Refused(Errors.LegalRepresentativeIdentityMismatch,
            await _db.RunAsync<GiveLegalRepresentativeConsent, Result>(wang, s => s.ExecuteAsync()));
        await using (var ctx = _db.Db(_org))
        {
            Assert.False(await ctx.LegalRepresentativeSealConsents.AnyAsync(c => c.UserId == wang));
        }
    }

    [Fact]
    public async Task A_registrant_says_they_are_the_legal_representative_only_when_verified_as_that_person()
    {
        var wang = await _db.UserIdAsync(Demo.EnterpriseMember);
        var claim = new CreateOrganizationRequest("王强的公司", Checksums.CompleteUscc("91350100M00080000"), OrganizationType.Enterprise,
            "刘洋", Checksums.CompleteIdNumber("11010519800101123"), true);
        ResultAssert.Refused(Errors.LegalRepresentativeIdentityMismatch,
            await _db.RunAsync<CreateOrganization, Result<Guid>>(wang, s => s.ExecuteAsync(claim)));
        await using (var ctx = _db.Db())
        {
            Assert.False(await ctx.Organizations.AnyAsync(o => o.Name == "王强的公司"));
        }
        var own = claim with { LegalRepresentativeName = "王强", LegalRepresentativeIdNumber = DemoSeed.DemoIdNumber(Demo.EnterpriseMember) };
        var created = ResultAssert.Ok(await _db.RunAsync<CreateOrganization, Result<Guid>>(wang, s => s.ExecuteAsync(own)));
        await using (var ctx = _db.Db())
        {
            Assert.Equal(wang, await ctx.Organizations.Where(o => o.Id == created).Select(o => o.LegalRepresentativeUserId).SingleAsync());
        }
    }
}
