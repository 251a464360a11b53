using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;
using Portal.Application.Grants;
using Portal.Application.Organizations;
using Portal.Application.Seals;
using Portal.Tests.Support;
using static Portal.Tests.Support.ResultAssert;

namespace Portal.Tests.Application.Seals;

public class SealEventHandlerTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static async Task<IReadOnlyList<Consequence>> PreviewAsync<TEvent>(SealTestKit kit, Guid org, TEvent e) where TEvent : IDomainEvent
    {
        await using var scope = kit.Db.As(null);
        await using var ctx = kit.Db.Db(org);
        return await scope.ServiceProvider.GetRequiredService<ConsequencePreview>().PreviewAsync(ctx, e);
    }

    private static async Task PublishAsync<TEvent>(SealTestKit kit, Guid org, TEvent e) where TEvent : IDomainEvent
    {
        await using var scope = kit.Db.As(null);
        await using var ctx = kit.Db.Db(org);
        await using var tx = await ctx.BeginWriteTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<DomainEvents>().PublishAsync(ctx, e);
        await ctx.SaveChangesAsync();
        await tx.CommitAsync();
    }

    [Fact]
    public async Task A_legal_representative_change_voids_the_legal_representative_seal_and_ends_the_consent()
    {
        await using var kit = await SealTestKit.CreateAsync();
        Ok(await kit.Run<GiveLegalRepresentativeConsent, Result>(Demo.EnterpriseLegalRep, s => s.ExecuteAsync()));
        var seal = await kit.SealAsync(kit.Enterprise, s => s.Type == SealType.LegalRepresentative);
        var oldRep = await kit.User(Demo.EnterpriseLegalRep);
        var zhao = await kit.User(Demo.EnterpriseMember2);
        var preview = await PreviewAsync(kit, kit.Enterprise, new LegalRepresentativeChanged(kit.Enterprise, "刘洋", "赵敏", oldRep, zhao));
        Assert.Equal("SealsVoided", Assert.Single(preview).Code);

        // Another person becomes legal representative (an approved information change raises this event).
        await PublishAsync(kit, kit.Enterprise, new LegalRepresentativeChanged(kit.Enterprise, "刘洋", "赵敏", oldRep, zhao));

        var voided = await kit.SealAsync(kit.Enterprise, s => s.Id == seal.Id);
        Assert.Equal((SealStatus.Voided, VoidLegalRepresentativeSeal.Reason), (voided.Status, voided.VoidReason));
        Assert.NotNull(voided.CertificateRevokedAtUtc);
        var record = Ok(await kit.Run<ListSealVoidRecords, Result<IReadOnlyList<SealVoidRecord>>>(Demo.EnterpriseOwner, s => s.ExecuteAsync())).Single();
        Assert.Equal(SealVoidCause.LegalRepresentativeChanged, record.Cause);
        // The other seals are untouched; the old representative's consent has ended.
        Assert.Equal(2, (await kit.Run<ListSeals, Result<IReadOnlyList<SealRow>>>(Demo.EnterpriseOwner,
            s => s.ExecuteAsync(new SealFilter(Status: SealStatus.Active)))).Value!.Count);
        var state = Ok(await kit.Run<GetLegalRepresentativeConsent, Result<LegalRepresentativeConsentState>>(Demo.EnterpriseLegalRep, s => s.ExecuteAsync()));
        Assert.False(state.ConsentGiven);
    }

    [Fact]
    public async Task An_identity_change_voids_every_seal_and_grants_follow_the_voiding_behaviour()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var e = new OrganizationIdentityChanged(kit.Enterprise, "示例科技有限公司", "示例科技股份有限公司", "x", "y");
        var preview = await PreviewAsync(kit, kit.Enterprise, e);
        Assert.Equal(2, Assert.Single(preview).Args[0]);
        await PublishAsync(kit, kit.Enterprise, e);
        await using (var ctx = kit.Db.Db(kit.Enterprise))
        {
            Assert.All(await ctx.Seals.ToListAsync(), s => Assert.Equal((SealStatus.Voided, true), (s.Status, s.CertificateRevokedAtUtc != null)));
            Assert.All(await ctx.SealGrants.ToListAsync(), g => Assert.Equal(GrantStatus.Revoked, g.Status));
            Assert.All(await ctx.SealVoidRecords.ToListAsync(), r => Assert.Equal(SealVoidCause.OrganizationIdentityChanged, r.Cause));
        }
        Assert.All(kit.Keys.Revoked, r => Assert.Equal(SealCertificateRevocation.IdentityChanged, r.Reason));

        // Keep-until-revoked (seed 001): holders may finish old documents with the old seals.
        await kit.EditPolicyAsync(kit.University, p => p.VoidingBehaviour = VoidingBehaviour.KeepUntilRevoked);
        await PublishAsync(kit, kit.University, new OrganizationIdentityChanged(kit.University, "示例学院", "示例大学", "x", "y"));
        await using (var ctx = kit.Db.Db(kit.University))
        {
            var cs = await ctx.Seals.SingleAsync(s => s.DepartmentId != null);
            Assert.Equal(SealStatus.Voided, cs.Status);
            Assert.Null(cs.CertificateRevokedAtUtc);
            Assert.NotNull(await SealGrants.ActiveGrantForAsync(ctx, await kit.User(Demo.CsHead), cs.Id, kit.Db.Clock.GetUtcNow().UtcDateTime));
            // Seals without any grant can no longer be used by anyone: revoked at once.
            Assert.All(await ctx.Seals.Where(s => s.DepartmentId == null).ToListAsync(), s => Assert.NotNull(s.CertificateRevokedAtUtc));
        }
    }

    [Fact]
    public async Task A_removed_member_loses_their_grants_with_the_reason_and_the_preview_lists_them()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var wang = await kit.User(Demo.EnterpriseMember);
        Guid membership;
        await using (var ctx = kit.Db.Db(kit.Enterprise))
        {
            membership = await ctx.Memberships.Where(m => m.UserId == wang).Select(m => m.Id).SingleAsync();
        }
        var preview = Ok(await kit.Run<PreviewMemberExit, Result<IReadOnlyList<Consequence>>>(Demo.EnterpriseOwner, s => s.RemovalAsync(membership)));
        var c = Assert.Single(preview, x => x.Code == "GrantsRevoked");
        Assert.Equal("合同专用章", c.Args[1]);

        Ok(await kit.Run<RemoveMember, Result>(Demo.EnterpriseOwner, s => s.ExecuteAsync(membership)));
        var contract = await kit.SealAsync(kit.Enterprise, s => s.Type == SealType.Contract);
        var grant = Assert.Single(await kit.GrantsAsync(kit.Enterprise, contract.Id));
        Assert.Equal((GrantStatus.Revoked, RevokeGrantsOfDepartedMember.RemovedReason), (grant.Status, grant.RevokeReason));
        // 王强's grant at the university is another tenant's: untouched.
        await using var u = kit.Db.Db(kit.University);
        Assert.Equal(0, await u.SealGrants.CountAsync(g => g.Status == GrantStatus.Revoked));
    }

    [Fact]
    public async Task A_member_who_leaves_loses_their_grants_and_pending_requests()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var csSeal = await kit.SealAsync(kit.University, s => s.DepartmentId != null);
        var zhou = await kit.User(Demo.CsMember);
        Ok(await kit.Run<GrantSeal, Result<Guid>>(Demo.UniversitySealAdmin, s => s.ExecuteAsync(new GrantInput(csSeal.Id, zhou, null, Today, Today.AddDays(5)))));
        var official = await kit.SealAsync(kit.University, s => s.Type == SealType.Official && s.DepartmentId == null);
        var request = Ok(await kit.Run<ApplyForGrant, Result<Guid>>(Demo.CsMember, s => s.ExecuteAsync(official.Id, Today, Today, "盖章")));

        Ok(await kit.Run<LeaveOrganization, Result>(Demo.CsMember, s => s.ExecuteAsync(kit.University)));
        var grant = (await kit.GrantsAsync(kit.University, csSeal.Id)).Single(g => g.GranteeUserId == zhou);
        Assert.Equal((GrantStatus.Revoked, RevokeGrantsOfDepartedMember.LeftReason), (grant.Status, grant.RevokeReason));
        await using var ctx = kit.Db.Db(kit.University);
        Assert.Equal(RequestStatus.Withdrawn, (await ctx.SealGrantRequests.SingleAsync(r => r.Id == request)).Status);
        Assert.Empty(await ctx.SealGrantRequestSteps.Where(s => s.RequestId == request && s.Status == GrantRequestStepStatus.Pending).ToListAsync());
    }
}
