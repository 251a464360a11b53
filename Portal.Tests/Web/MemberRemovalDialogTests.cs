using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Application.Common;
using Portal.Application.Events;
using Portal.Application.Organizations;
using Portal.Tests.Support;
using Portal.Web.Components.Pages.Organization;

namespace Portal.Tests.Web;

/// <summary>The owner removes a member from the members page: the consequence dialog comes first.</summary>
public class MemberRemovalDialogTests
{
    [Fact]
    public async Task Removal_shows_the_consequences_and_only_confirming_removes()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true, s => s.AddConsequenceProvider<MemberRemoved, GrantsLost>());
        var org = await db.EnterpriseIdAsync();
        var zhao = await db.UserIdAsync(Demo.EnterpriseMember2);
        await using var scope = db.As(await db.UserIdAsync(Demo.EnterpriseOwner));

        await using var ctx = PortalBunit.Create();
        foreach (var t in new[] { typeof(ListMembers), typeof(ListInvitations), typeof(ListDepartments), typeof(AddMember), typeof(SetMemberRoles),
                     typeof(RemoveMember), typeof(PreviewMemberExit), typeof(TransferOwnership), typeof(SetLegalRepresentativeMember), typeof(CancelInvitation) })
        {
            ctx.Services.AddSingleton(t, scope.ServiceProvider.GetRequiredService(t));
        }
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<Members>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=member-row][data-name=赵敏]")));

        // Cancel: nothing changes.
        page.Find("[data-testid=member-row][data-name=赵敏] [data-testid=member-remove]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("赵敏", dialogs.Find("[data-testid=consequences-dialog]").TextContent));
        var items = dialogs.FindAll("[data-testid=consequences-dialog] .mud-list-item");
        Assert.Contains("将收回 2 项印章授权：合同专用章、财务专用章", Assert.Single(items).TextContent);
        dialogs.Find("[data-testid=cancel]").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=consequences-dialog]")));
        await using (var check = db.Db(org))
        {
            Assert.True(await check.Memberships.AnyAsync(m => m.UserId == zhao));
        }

        // Confirm: the member is gone from the list and from the organization.
        page.Find("[data-testid=member-row][data-name=赵敏] [data-testid=member-remove]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=confirm]").Click());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=member-row][data-name=赵敏]")));
        await using (var check = db.Db(org))
        {
            Assert.False(await check.Memberships.AnyAsync(m => m.UserId == zhao));
        }
    }

    private sealed class GrantsLost : IConsequenceProvider<MemberRemoved>
    {
        public Task<IReadOnlyList<Consequence>> PreviewAsync(IPortalDbContext db, MemberRemoved domainEvent, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Consequence>>([new Consequence("GrantsRevoked", 2, "合同专用章、财务专用章")]);
    }
}
