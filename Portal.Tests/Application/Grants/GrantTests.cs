using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Tests.Application.Seals;
using Portal.Tests.Support;
using static Portal.Tests.Support.ResultAssert;

namespace Portal.Tests.Application.Grants;

public class GrantTests
{
    private static readonly DateOnly Today = new(2026, 11, 23); // the fake clock: 2026-11-23 02:00 UTC = 10:00 in Shanghai

    private static async Task<SealGrant?> InForce(SealTestKit kit, Guid org, string phone, Guid sealId, DateTime atUtc)
    {
        await using var ctx = kit.Db.Db(org);
        return await SealGrants.ActiveGrantForAsync(ctx, await kit.User(phone), sealId, atUtc);
    }

    [Fact]
    public async Task A_grant_runs_from_its_first_day_to_23_59_59_of_its_last_day_in_the_organization_time_zone()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var official = await kit.SealAsync(kit.Enterprise, s => s.Type == SealType.Official);
        var zhao = await kit.User(Demo.EnterpriseMember2);
        var id = Ok(await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(new GrantInput(official.Id, zhao, null, Today, Today.AddDays(2)))));
        var grant = (await kit.GrantsAsync(kit.Enterprise, official.Id)).Single(g => g.Id == id);
        Assert.Equal(new DateTime(2026, 11, 25, 15, 59, 59, DateTimeKind.Utc), grant.EndUtc);
        Assert.Equal(kit.Db.Clock.GetUtcNow().UtcDateTime, grant.StartUtc);

        Assert.NotNull(await InForce(kit, kit.Enterprise, Demo.EnterpriseMember2, official.Id, new DateTime(2026, 11, 25, 15, 59, 59, DateTimeKind.Utc)));
        Assert.Null(await InForce(kit, kit.Enterprise, Demo.EnterpriseMember2, official.Id, new DateTime(2026, 11, 25, 16, 0, 0, DateTimeKind.Utc)));

        kit.Db.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero));
        var rows = Ok(await kit.Run<ListGrants, Result<IReadOnlyList<GrantRow>>>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(official.Id)));
        Assert.True(rows.Single(r => r.Id == id).IsExpired);
    }

    [Fact]
    public async Task A_grant_starting_tomorrow_is_not_in_force_before_local_midnight_and_other_zones_are_honoured()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var official = await kit.SealAsync(kit.Enterprise, s => s.Type == SealType.Official);
        var zhao = await kit.User(Demo.EnterpriseMember2);
        Ok(await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(new GrantInput(official.Id, zhao, null, Today.AddDays(1), Today.AddDays(1)))));
        Assert.Null(await InForce(kit, kit.Enterprise, Demo.EnterpriseMember2, official.Id, new DateTime(2026, 11, 23, 15, 59, 59, DateTimeKind.Utc)));
        Assert.NotNull(await InForce(kit, kit.Enterprise, Demo.EnterpriseMember2, official.Id, new DateTime(2026, 11, 23, 16, 0, 0, DateTimeKind.Utc)));

        await using (var ctx = kit.Db.Db(kit.Enterprise))
        {
            var org = await ctx.Organizations.SingleAsync(o => o.Id == kit.Enterprise);
            org.TimeZoneId = "Europe/London";
            org.ConcurrencyStamp = Guid.NewGuid();
            await ctx.SaveChangesAsync();
        }
        var owner = await kit.User(Demo.EnterpriseOwner);
        var id = Ok(await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(new GrantInput(official.Id, owner, null, Today, Today.AddDays(2)))));
        Assert.Equal(new DateTime(2026, 11, 25, 23, 59, 59, DateTimeKind.Utc), (await kit.GrantsAsync(kit.Enterprise, official.Id)).Single(g => g.Id == id).EndUtc);
    }

    [Fact]
    public async Task Validity_limits_long_term_and_bad_windows_are_refused_and_change_nothing()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var official = await kit.SealAsync(kit.Enterprise, s => s.Type == SealType.Official);
        var zhao = await kit.User(Demo.EnterpriseMember2);
        Task<Result<Guid>> Grant(DateOnly first, DateOnly? last, Guid? user = null, Guid? dept = null) =>
            kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(new GrantInput(official.Id, user, dept, first, last)));

        Refused(Errors.GrantTooLong, await Grant(Today, Today.AddDays(1095), zhao));
        Assert.Equal(1095, (await Grant(Today, Today.AddDays(1095), zhao)).Error!.Args[0]);
        Refused(Errors.GrantLongTermNotAllowed, await Grant(Today, null, zhao));
        Refused(Errors.GrantWindowInvalid, await Grant(Today.AddDays(-1), Today, zhao));
        Refused(Errors.GrantWindowInvalid, await Grant(Today.AddDays(3), Today.AddDays(2), zhao));
        Refused(Errors.GranteeRequired, await Grant(Today, Today));
        Refused(Errors.SealPolicyForbids, await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseMember,
            s => s.ExecuteAsync(new GrantInput(official.Id, zhao, null, Today, Today))));
        Assert.Empty(await kit.GrantsAsync(kit.Enterprise, official.Id));

        Ok(await Grant(Today, Today.AddDays(1094), zhao));
        await kit.EditPolicyAsync(kit.Enterprise, p => p.Rules.Single(r => r.SealType == SealType.Official).AllowLongTerm = true);
        var longTerm = Ok(await Grant(Today, null, await kit.User(Demo.EnterpriseOwner)));
        Assert.Null((await kit.GrantsAsync(kit.Enterprise, official.Id)).Single(g => g.Id == longTerm).EndUtc);
    }

    [Fact]
    public async Task A_department_grant_covers_every_member_of_the_department_and_revoking_stops_it()
    {
        await using var kit = await SealTestKit.CreateAsync();
        var official = await kit.SealAsync(kit.University, s => s.Type == SealType.Official && s.DepartmentId == null);
        Guid cs;
        await using (var ctx = kit.Db.Db(kit.University))
        {
            cs = await ctx.Departments.Where(d => d.Name == "计算机学院").Select(d => d.Id).SingleAsync();
        }
        var id = Ok(await kit.Run<GrantSeal, Result<Guid>>(Demo.UniversitySealAdmin,
            s => s.ExecuteAsync(new GrantInput(official.Id, null, cs, Today, Today.AddDays(30)))));
        var now = kit.Db.Clock.GetUtcNow().UtcDateTime;
        Assert.NotNull(await InForce(kit, kit.University, Demo.CsMember, official.Id, now));
        Assert.NotNull(await InForce(kit, kit.University, Demo.CsHead, official.Id, now));
        Assert.Null(await InForce(kit, kit.University, Demo.UniversitySealAdmin, official.Id, now));
        var rows = Ok(await kit.Run<ListGrants, Result<IReadOnlyList<GrantRow>>>(Demo.CsMember, s => s.ExecuteAsync()));
        Assert.Contains(rows, r => r.Id == id && r.GranteeName == "计算机学院");

        Refused(Errors.ReasonRequired, await kit.Run<RevokeGrant, Result>(Demo.UniversitySealAdmin, s => s.ExecuteAsync(id, "")));
        Refused(Errors.SealPolicyForbids, await kit.Run<RevokeGrant, Result>(Demo.CsHead, s => s.ExecuteAsync(id, "收回")));
        Ok(await kit.Run<RevokeGrant, Result>(Demo.UniversitySealAdmin, s => s.ExecuteAsync(id, "项目结束")));
        Assert.Null(await InForce(kit, kit.University, Demo.CsMember, official.Id, now));
        var revoked = (await kit.GrantsAsync(kit.University, official.Id)).Single(g => g.Id == id);
        Assert.Equal(("项目结束", GrantStatus.Revoked), (revoked.RevokeReason, revoked.Status));
    }
}
