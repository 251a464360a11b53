using Microsoft.EntityFrameworkCore;
using Portal.Application.Domain;
using Portal.Application.Seeding;

namespace Portal.Tests.Support;

/// <summary>Looks up the demo seed's users and organizations.</summary>
public static class Demo
{
    public const string EnterpriseOwner = "13800000001";
    public const string EnterpriseSealAdmin = "13800000002";
    public const string EnterpriseMember = "13800000003";
    public const string EnterpriseMember2 = "13800000004";
    public const string EnterpriseLegalRep = "13800000005";
    public const string UniversityOwner = "13700000001";
    public const string UniversitySealAdmin = "13700000002";
    public const string CsHead = "13700000003";
    public const string CsMember = "13700000004";
    public const string PlatformAdmin = "13900000001";
    public const string CaSupport = "13900000002";

    public static async Task<Guid> UserIdAsync(this TestDatabase db, string phone)
    {
        await using var ctx = db.Db();
        return await ctx.Users.Where(u => u.UserName == phone).Select(u => u.Id).SingleAsync();
    }

    public static async Task<Guid> OrganizationIdAsync(this TestDatabase db, string uscc)
    {
        await using var ctx = db.Db();
        return await ctx.Organizations.Where(o => o.Uscc == uscc).Select(o => o.Id).SingleAsync();
    }

    public static Task<Guid> EnterpriseIdAsync(this TestDatabase db) => db.OrganizationIdAsync(DemoSeed.EnterpriseUscc);

    public static Task<Guid> UniversityIdAsync(this TestDatabase db) => db.OrganizationIdAsync(DemoSeed.UniversityUscc);

    /// <summary>Makes <paramref name="organizationId"/> the user's current space (as the space switcher does).</summary>
    public static async Task SwitchAsync(this TestDatabase db, Guid userId, Guid? organizationId)
    {
        var r = await db.RunAsync<Portal.Application.Spaces.SwitchSpace, Portal.Application.Common.Result>(userId, s => s.ExecuteAsync(organizationId));
        ResultAssert.Ok(r);
    }

    /// <summary>
    /// The user accepts their pending invitation to <paramref name="organizationId"/> in the portal, as the invitee does; returns
    /// the new membership's id. Every add is an invitation now, so tests that add someone accept for them.
    /// </summary>
    public static async Task<Guid> AcceptInvitationAsync(this TestDatabase db, Guid userId, Guid organizationId)
    {
        var mine = ResultAssert.Ok(await db.RunAsync<Portal.Application.Organizations.ListMyInvitations,
            Portal.Application.Common.Result<IReadOnlyList<Portal.Application.Organizations.MyInvitationRow>>>(userId, s => s.ExecuteAsync()));
        var invitation = mine.First(i => i.OrganizationId == organizationId);
        ResultAssert.Ok(await db.RunAsync<Portal.Application.Organizations.AcceptInvitation, Portal.Application.Common.Result>(userId,
            s => s.ExecuteAsync(invitation.Id)));
        await using var ctx = db.Db(organizationId);
        return await ctx.Memberships.Where(m => m.UserId == userId).Select(m => m.Id).SingleAsync();
    }
}
