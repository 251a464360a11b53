using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Organizations;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Audit;

/// <summary>State changes (and the export that carries phone numbers) that wrote no audit event before issue 13.</summary>
public class AuditedChangesTests
{
    [Fact]
    public async Task Rename_language_switch_and_member_export_are_audited()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var owner = await db.UserIdAsync(Demo.EnterpriseOwner);
        var org = await db.EnterpriseIdAsync();
        async Task<int> CountAsync(string action)
        {
            await using var ctx = db.Db();
            return await ctx.AuditEvents.CountAsync(e => e.Action == action && e.ActorUserId == owner);
        }

        ResultAssert.Ok(await db.RunAsync<RenameProfile, Result>(owner, s => s.ExecuteAsync("张伟（新）")));
        Assert.Equal(1, await CountAsync(AuditActions.AccountProfileRename));

        ResultAssert.Ok(await db.RunAsync<SetLanguage, Result>(owner, s => s.ExecuteAsync("en-US")));
        // Switching to the language already stored changes nothing and writes nothing.
        ResultAssert.Ok(await db.RunAsync<SetLanguage, Result>(owner, s => s.ExecuteAsync("en-US")));
        Assert.Equal(1, await CountAsync(AuditActions.AccountLanguageSet));

        ResultAssert.Ok(await db.RunAsync<ExportMembers, Result<byte[]>>(owner, s => s.ExecuteAsync()));
        await using var check = db.Db();
        var export = await check.AuditEvents.SingleAsync(e => e.Action == AuditActions.MemberExport);
        Assert.Equal((owner, (Guid?)org), (export.ActorUserId!.Value, export.OrganizationId));
        Assert.StartsWith("5 rows", export.Detail);
    }
}
