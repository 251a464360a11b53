using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Application.Policies;
using Portal.Application.Seals;
using Portal.Tests.Support;
using static Portal.Tests.Support.ResultAssert;

namespace Portal.Tests.Application.Seals;

public class SealRulesTests
{
    [Fact]
    public async Task A_seal_key_is_generated_before_the_lock_and_a_refused_seal_leaves_no_key_behind()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var before = kit.Keys.Generated.ToHashSet();

        Refused(Errors.NameRequired, await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseOwner, s => s.ExecuteAsync(SealType.HumanResources, " ", null, null)));
        Refused(Errors.SealPolicyForbids, await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseMember, s => s.ExecuteAsync(SealType.Finance, "财务专用章", null, null)));
        Assert.Equal(before, kit.Keys.Generated);

        var id = Ok(await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseOwner, s => s.ExecuteAsync(SealType.HumanResources, "人事专用章", null, null)));
        var seal = await kit.SealAsync(kit.Enterprise, s => s.Id == id);
        Assert.Equal([seal.KeyId], kit.Keys.Generated.Except(before));
    }

    [Fact]
    public async Task Certification_makes_the_default_seals_and_policy_and_the_seed_adds_the_department_seal_and_grants()
    {
        await using var kit = await SealTestKit.CreateAsync();
        await using var e = kit.Db.Db(kit.Enterprise);
        var seals = await e.Seals.AsNoTracking().ToListAsync();
        Assert.Equal([SealType.Official, SealType.Contract], seals.OrderBy(s => s.Type).Select(s => s.Type));
        Assert.All(seals, s => Assert.Equal(SealStatus.Active, s.Status));
        Assert.All(seals, s => Assert.StartsWith("fake-", s.KeyId));
        var policy = await SealPolicies.FindAsync(e, kit.Enterprise);
        Assert.Equal(VoidingBehaviour.StopAtVoiding, policy!.VoidingBehaviour);
        Assert.Equal(5, policy.Rules.Count);
        Assert.All(policy.Rules, r => Assert.Equal([ApprovalStepKind.SealAdmin], r.ApprovalChain));
        Assert.All(policy.Rules, r => Assert.Equal(1095, r.MaxGrantDays));

        await using var u = kit.Db.Db(kit.University);
        var uPolicy = await SealPolicies.FindAsync(u, kit.University);
        Assert.All(uPolicy!.Rules, r => Assert.Equal([ApprovalStepKind.DepartmentHead, ApprovalStepKind.SealAdmin], r.ApprovalChain));
        var cs = await u.Seals.AsNoTracking().SingleAsync(s => s.DepartmentId != null);
        Assert.Equal("计算机学院印章", cs.Name);
        var now = kit.Db.Clock.GetUtcNow().UtcDateTime;
        Assert.NotNull(await SealGrants.ActiveGrantForAsync(u, await kit.User(Demo.CsHead), cs.Id, now));
        Assert.Null(await SealGrants.ActiveGrantForAsync(u, await kit.User(Demo.CsMember), cs.Id, now));

        var contract = seals.Single(s => s.Type == SealType.Contract);
        Assert.NotNull(await SealGrants.ActiveGrantForAsync(e, await kit.User(Demo.EnterpriseMember), contract.Id, now));
        Assert.Null(await SealGrants.ActiveGrantForAsync(e, await kit.User(Demo.EnterpriseMember2), contract.Id, now));
    }

    [Fact]
    public async Task Making_follows_the_policy_roles_and_fails_clearly_without_a_pool()
    {
        await using var kit = await SealTestKit.CreateAsync();
        Refused(Errors.SealPolicyForbids, await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseMember, s => s.ExecuteAsync(SealType.Finance, "财务专用章", null, null)));
        var id = Ok(await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(SealType.Finance, "财务专用章", null, null)));
        var seal = await kit.SealAsync(kit.Enterprise, s => s.Id == id);
        Assert.Equal(SealStatus.Active, seal.Status);
        Assert.Equal("财务专用章", SealFaceDesign.FromJson(seal.FaceSpecJson)!.CenterText);

        // Only the owner may make finance seals now.
        await kit.EditPolicyAsync(kit.Enterprise, p => p.Rules.Single(r => r.SealType == SealType.Finance).MakeRoles = OrgRoles.Owner);
        Refused(Errors.SealPolicyForbids, await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(SealType.Finance, "财务章2", null, null)));
        Ok(await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseOwner, s => s.ExecuteAsync(SealType.Finance, "财务章2", null, null)));

        Refused(Errors.NameRequired, await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseOwner, s => s.ExecuteAsync(SealType.HumanResources, " ", null, null)));
        Refused(Errors.SealFaceInvalid, await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseOwner,
            s => s.ExecuteAsync(SealType.HumanResources, "人事章", null, new SealFaceDesign { WidthMm = 200, ArcText = "x" })));
        Refused(Errors.SealTypeNotSupported, await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseOwner, s => s.ExecuteAsync(SealType.Name, "张伟", null, null)));

        kit.Keys.IsAvailable = false;
        var before = (await kit.Run<ListSeals, Result<IReadOnlyList<SealRow>>>(Demo.EnterpriseOwner, s => s.ExecuteAsync())).Value!.Count;
        Refused(Errors.SigningUnavailable, await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseOwner, s => s.ExecuteAsync(SealType.HumanResources, "人事章", null, null)));
        Assert.Equal(before, (await kit.Run<ListSeals, Result<IReadOnlyList<SealRow>>>(Demo.EnterpriseOwner, s => s.ExecuteAsync())).Value!.Count);
    }

    [Fact]
    public async Task The_legal_representative_seal_needs_consent_and_consent_makes_it()
    {
        await using var kit = await SealTestKit.CreateAsync();
        Refused(Errors.LegalRepresentativeConsentRequired, await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(SealType.LegalRepresentative, "法人章", null, null)));
        Refused(Errors.NotLegalRepresentative, await kit.Run<GiveLegalRepresentativeConsent, Result>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync()));

        Ok(await kit.Run<GiveLegalRepresentativeConsent, Result>(Demo.EnterpriseLegalRep, s => s.ExecuteAsync()));
        var seal = await kit.SealAsync(kit.Enterprise, s => s.Type == SealType.LegalRepresentative);
        Assert.Equal(SealStatus.Active, seal.Status);
        Assert.Equal(await kit.User(Demo.EnterpriseLegalRep), seal.LegalRepresentativeConsentUserId);
        var state = Ok(await kit.Run<GetLegalRepresentativeConsent, Result<LegalRepresentativeConsentState>>(Demo.EnterpriseLegalRep, s => s.ExecuteAsync()));
        Assert.True(state.ConsentGiven && state.HasActiveSeal);

        // Not grantable by default; the policy may allow it.
        var today = new DateOnly(2026, 11, 23);
        var zhao = await kit.User(Demo.EnterpriseMember2);
        Refused(Errors.LegalRepresentativeSealNotGrantable, await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(new GrantInput(seal.Id, zhao, null, today, today.AddDays(10)))));
        await kit.EditPolicyAsync(kit.Enterprise, p => p.Rules.Single(r => r.SealType == SealType.LegalRepresentative).LegalRepresentativeGrantable = true);
        Ok(await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(new GrantInput(seal.Id, zhao, null, today, today.AddDays(10)))));

        // With the consent given, a seal admin may make another one after voiding.
        Ok(await kit.Run<VoidSeal, Result>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(seal.Id, "重刻")));
        Ok(await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(SealType.LegalRepresentative, "法人章", null, null)));
        Ok(await kit.Run<WithdrawLegalRepresentativeConsent, Result>(Demo.EnterpriseLegalRep, s => s.ExecuteAsync()));
        Refused(Errors.LegalRepresentativeConsentRequired, await kit.Run<MakeSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(SealType.LegalRepresentative, "法人章3", null, null)));
    }

    [Fact]
    public async Task Voiding_under_stop_at_voiding_revokes_every_grant_and_the_certificate_at_once()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var contract = await kit.SealAsync(kit.Enterprise, s => s.Type == SealType.Contract);
        Refused(Errors.ReasonRequired, await kit.Run<VoidSeal, Result>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(contract.Id, "  ")));
        Refused(Errors.SealPolicyForbids, await kit.Run<VoidSeal, Result>(Demo.EnterpriseMember, s => s.ExecuteAsync(contract.Id, "离职")));
        Assert.Equal(SealStatus.Active, (await kit.SealAsync(kit.Enterprise, s => s.Id == contract.Id)).Status);

        Ok(await kit.Run<VoidSeal, Result>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(contract.Id, "印章遗失")));
        var voided = await kit.SealAsync(kit.Enterprise, s => s.Id == contract.Id);
        Assert.Equal(SealStatus.Voided, voided.Status);
        Assert.NotNull(voided.CertificateRevokedAtUtc);
        Assert.Contains(kit.Keys.Revoked, r => r.Serial == contract.CertificateSerial);
        Assert.All(await kit.GrantsAsync(kit.Enterprise, contract.Id), g => Assert.Equal(GrantStatus.Revoked, g.Status));
        var record = Ok(await kit.Run<ListSealVoidRecords, Result<IReadOnlyList<SealVoidRecord>>>(Demo.EnterpriseOwner, s => s.ExecuteAsync())).Single();
        Assert.Equal(("印章遗失", 1, 0, true, "李娜"), (record.Reason, record.GrantsRevoked, record.GrantsKept, record.CertificateRevoked, record.VoidedByName));

        Refused(Errors.SealNotActive, await kit.Run<VoidSeal, Result>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(contract.Id, "再次")));
        var today = new DateOnly(2026, 11, 23);
        var zhao = await kit.User(Demo.EnterpriseMember2);
        Refused(Errors.SealNotActive, await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(new GrantInput(contract.Id, zhao, null, today, today))));
    }

    [Fact]
    public async Task Voiding_under_keep_until_revoked_keeps_grants_and_the_last_revocation_revokes_the_certificate()
    {
        await using var kit = await SealTestKit.CreateAsync();
        await kit.EditPolicyAsync(kit.Enterprise, p => p.VoidingBehaviour = VoidingBehaviour.KeepUntilRevoked);
        var contract = await kit.SealAsync(kit.Enterprise, s => s.Type == SealType.Contract);
        var today = new DateOnly(2026, 11, 23);
        var zhao = await kit.User(Demo.EnterpriseMember2);
        var owner = await kit.User(Demo.EnterpriseOwner);
        var second = Ok(await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(new GrantInput(contract.Id, zhao, null, today, today.AddDays(30)))));

        Ok(await kit.Run<VoidSeal, Result>(Demo.EnterpriseOwner, s => s.ExecuteAsync(contract.Id, "更换新章")));
        var voided = await kit.SealAsync(kit.Enterprise, s => s.Id == contract.Id);
        Assert.Equal(SealStatus.Voided, voided.Status);
        Assert.Null(voided.CertificateRevokedAtUtc);
        Assert.Empty(kit.Keys.Revoked);
        var grants = await kit.GrantsAsync(kit.Enterprise, contract.Id);
        Assert.Equal(2, grants.Count(g => g.Status == GrantStatus.Active));
        await using (var ctx = kit.Db.Db(kit.Enterprise))
        {
            // Holders keep using it until their grant is revoked.
            Assert.NotNull(await SealGrants.ActiveGrantForAsync(ctx, await kit.User(Demo.EnterpriseMember), contract.Id, kit.Db.Clock.GetUtcNow().UtcDateTime));
        }
        // Nobody may grant it any more.
        Refused(Errors.SealNotActive, await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(new GrantInput(contract.Id, owner, null, today, today))));

        Ok(await kit.Run<RevokeGrant, Result>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(second, "收回")));
        Assert.Null((await kit.SealAsync(kit.Enterprise, s => s.Id == contract.Id)).CertificateRevokedAtUtc);
        var last = grants.Single(g => g.Id != second).Id;
        Ok(await kit.Run<RevokeGrant, Result>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(last, "收回")));
        Assert.NotNull((await kit.SealAsync(kit.Enterprise, s => s.Id == contract.Id)).CertificateRevokedAtUtc);
        Assert.Single(kit.Keys.Revoked);
        Refused(Errors.GrantNotActive, await kit.Run<RevokeGrant, Result>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(last, "再次")));
    }
}
