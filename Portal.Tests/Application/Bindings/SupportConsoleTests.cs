using Microsoft.EntityFrameworkCore;
using Portal.Application.Bindings;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Seeding;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Bindings;

/// <summary>The CA support console: search across tenants, views, history, export; every view audited; nobody else gets in.</summary>
public class SupportConsoleTests : IAsyncLifetime
{
    private BindingWorld _w = null!;
    private Guid _enterpriseMember, _universityMember;
    private Guid _soon, _revoked;
    private string _serial = "";

    public async Task InitializeAsync()
    {
        _w = await BindingWorld.CreateAsync();
        _enterpriseMember = await _w.Db.UserIdAsync(Demo.EnterpriseMember);
        _universityMember = await _w.Db.UserIdAsync(Demo.CsMember);
        var leaf = _w.Leaf("张三");
        _serial = leaf.Certificate.SerialNumber.ToString(16).ToUpperInvariant();
        Assert.True((await _w.BindAsync(_enterpriseMember, leaf)).Succeeded);
        _soon = (await _w.BindAsync(_universityMember, _w.Leaf("周杰", validDays: 20))).Value!.BindingId;
        var toRevoke = _w.Leaf("王强");
        _revoked = (await _w.BindAsync(await _w.Db.UserIdAsync(Demo.EnterpriseOwner), toRevoke)).Value!.BindingId;
        await _w.TrustStore().ImportCrlAsync(_w.Ca.Crl(_w.Now.AddDays(7), toRevoke.Certificate));
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private Task<Result<IReadOnlyList<SupportBindingRow>>> Search(string? text, BindingView view = BindingView.All) =>
        _w.AsSupport<SearchBindings, Result<IReadOnlyList<SupportBindingRow>>>(s => s.ExecuteAsync(new BindingSearch(text, view)));

    [Fact]
    public async Task Support_searches_across_tenants_by_serial_subject_issuer_uscc_organization_and_phone()
    {
        Assert.Equal(3, (await Search(null)).Value!.Count);
        Assert.Equal(Demo.EnterpriseMember, Assert.Single((await Search(_serial)).Value!).UserPhone);
        Assert.Equal(Demo.CsMember, Assert.Single((await Search("周杰")).Value!).UserPhone);
        Assert.Equal(3, (await Search("深圳CA")).Value!.Count);
        // 王强 (13800000003) belongs to both tenants on purpose: a USCC finds every member's bindings.
        Assert.Equal([Demo.CsMember, Demo.EnterpriseMember], (await Search(DemoSeed.UniversityUscc)).Value!.Select(r => r.UserPhone).Order());
        Assert.Equal(2, (await Search(DemoSeed.EnterpriseUscc)).Value!.Count);
        var byPhone = Assert.Single((await Search(Demo.CsMember)).Value!);
        Assert.Contains(DemoSeed.UniversityUscc, byPhone.Organizations);
        await using var ctx = _w.Db.Db();
        Assert.Equal(7, await ctx.AuditEvents.CountAsync(e => e.Action == AuditActions.BindingSupportView));
    }

    [Fact]
    public async Task Views_expiring_soon_and_revoked_but_still_bound()
    {
        Assert.Equal(_soon, Assert.Single((await Search(null, BindingView.ExpiringSoon)).Value!).Id);
        var revoked = Assert.Single((await Search(null, BindingView.RevokedOrExpired)).Value!);
        Assert.Equal(_revoked, revoked.Id);
        Assert.Equal(CertificateTrustStatus.Revoked, revoked.LastTrust);

        // Expired but still bound shows up too once its date passes.
        _w.Db.Clock.Advance(TimeSpan.FromDays(21));
        await _w.TrustStore().ImportCrlAsync(_w.Ca.Crl(_w.Now.AddDays(60)));
        var rows = (await Search(null, BindingView.RevokedOrExpired)).Value!;
        Assert.Contains(rows, r => r.Id == _soon);
        var history = await _w.AsSupport<GetBindingHistory, Result<BindingHistory>>(s => s.ExecuteAsync(_revoked));
        Assert.Contains(history.Value!.Entries, e => e.Kind == "Rechecked" && e.Detail == "Revoked");
    }

    [Fact]
    public async Task Export_writes_an_xlsx_of_the_view_and_is_audited()
    {
        var bytes = await _w.AsSupport<ExportSupportView, Result<byte[]>>(s => s.BindingsAsync(new BindingSearch(null), h => "列" + h));
        ResultAssert.Ok(bytes);
        Assert.Equal((byte)'P', bytes.Value![0]);
        using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes.Value));
        var sheet = book.Worksheet(1);
        Assert.Equal("列UserPhone", sheet.Cell(1, 1).GetString());
        Assert.Equal(4, sheet.LastRowUsed().RowNumber());
        var attempts = await _w.AsSupport<ExportSupportView, Result<byte[]>>(s => s.RefusedAttemptsAsync(null, h => h));
        ResultAssert.Ok(attempts);
        await using var ctx = _w.Db.Db();
        Assert.Equal(2, await ctx.AuditEvents.CountAsync(e => e.Action == AuditActions.BindingSupportExport));
    }

    [Fact]
    public async Task Nobody_but_ca_support_gets_in()
    {
        var owner = await _w.Db.UserIdAsync(Demo.EnterpriseOwner);
        var admin = await _w.Db.UserIdAsync(Demo.PlatformAdmin);
        foreach (var user in new[] { owner, _enterpriseMember })
        {
            Assert.Equal(Errors.Forbidden, (await _w.Db.RunAsync<SearchBindings, Result<IReadOnlyList<SupportBindingRow>>>(user,
                s => s.ExecuteAsync(new BindingSearch(null)))).Error?.Code);
            Assert.Equal(Errors.Forbidden, (await _w.Db.RunAsync<ListRefusedBindAttempts, Result<IReadOnlyList<RefusedAttemptRow>>>(user,
                s => s.ExecuteAsync(null))).Error?.Code);
            Assert.Equal(Errors.Forbidden, (await _w.Db.RunAsync<GetBindingHistory, Result<BindingHistory>>(user, s => s.ExecuteAsync(_soon))).Error?.Code);
        }
        await using (var scope = _w.Db.As(admin, PlatformRoles.PlatformAdmin))
        {
            var search = (SearchBindings)scope.ServiceProvider.GetService(typeof(SearchBindings))!;
            Assert.Equal(Errors.Forbidden, (await search.ExecuteAsync(new BindingSearch(null))).Error?.Code);
        }
        await using var ctx = _w.Db.Db();
        Assert.Equal(0, await ctx.AuditEvents.CountAsync(e => e.Action.StartsWith("binding.support")));
    }
}
