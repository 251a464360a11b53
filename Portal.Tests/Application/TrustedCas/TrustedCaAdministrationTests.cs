using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.TrustedCas;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pki;
using Portal.Tests.Support;

namespace Portal.Tests.Application.TrustedCas;

/// <summary>Platform admins import external CAs and CRLs into the database-backed trust store.</summary>
public class TrustedCaAdministrationTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Guid _admin, _owner;

    public async Task InitializeAsync()
    {
        // The trust store and its database stores are there without an HSM pool.
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _admin = await _db.UserIdAsync(Demo.PlatformAdmin);
        _owner = await _db.UserIdAsync(Demo.EnterpriseOwner);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static TrustedCaUseCases Admin(AsyncServiceScope scope) => new(scope.ServiceProvider);

    /// <summary>The three trusted-CA use cases, called as the platform page calls them.</summary>
    private sealed class TrustedCaUseCases(IServiceProvider services)
    {
        public Task<Result<IReadOnlyList<TrustedCaRow>>> ListAsync() => services.GetRequiredService<ListTrustedCas>().ExecuteAsync();

        public Task<Result> ImportCaAsync(byte[] certificate, string name, bool failClosed, string? crlUrl) =>
            services.GetRequiredService<ImportTrustedCa>().ExecuteAsync(certificate, name, failClosed, crlUrl);

        public Task<Result> ImportCrlAsync(byte[] crl) => services.GetRequiredService<ImportTrustedCaCrl>().ExecuteAsync(crl);
    }

    [Fact]
    public async Task A_platform_admin_imports_a_ca_in_pem_then_its_crl()
    {
        var external = new ExternalTestCa("福建CA");
        await using var scope = _db.As(_admin, PlatformRoles.PlatformAdmin);
        var admin = Admin(scope);
        var pem = "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(external.Certificate.GetEncoded(), Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n";
        var imported = await admin.ImportCaAsync(Encoding.ASCII.GetBytes(pem), "福建CA", failClosed: true, crlUrl: null);
        ResultAssert.Ok(imported);

        var rows = (await admin.ListAsync()).Value!;
        var row = Assert.Single(rows);
        Assert.False(row.CrlFresh);
        Assert.True(row.FailClosed);

        Assert.True((await admin.ImportCrlAsync(external.Crl(DateTime.UtcNow.AddDays(7)))).Succeeded);
        Assert.True(Assert.Single((await admin.ListAsync()).Value!).CrlFresh);

        await using var ctx = _db.Db();
        Assert.Equal(2, await ctx.AuditEvents.CountAsync(e => e.Action.StartsWith("pki.") && e.Outcome == AuditOutcome.Success));
    }

    [Fact]
    public async Task Bad_files_are_refused_with_a_reason_and_change_nothing()
    {
        await using var scope = _db.As(_admin, PlatformRoles.PlatformAdmin);
        var admin = Admin(scope);
        Assert.Equal(Errors.CertificateInvalid, (await admin.ImportCaAsync(Encoding.ASCII.GetBytes("not a certificate"), "x", false, null)).Error?.Code);
        var leaf = new ExternalTestCa("某CA").IssueLeaf("张三");
        Assert.Equal(Errors.NotACaCertificate, (await admin.ImportCaAsync(leaf.GetEncoded(), "leaf", false, null)).Error?.Code);
        Assert.Equal(Errors.CrlIssuerUnknown, (await admin.ImportCrlAsync(new ExternalTestCa("陌生CA").Crl(DateTime.UtcNow.AddDays(1)))).Error?.Code);
        Assert.Equal(Errors.CrlInvalid, (await admin.ImportCrlAsync([1, 2, 3])).Error?.Code);
        Assert.Empty((await admin.ListAsync()).Value!);
        await using var ctx = _db.Db();
        Assert.Equal(4, await ctx.AuditEvents.CountAsync(e => e.Action.StartsWith("pki.") && e.Outcome == AuditOutcome.Refused));
    }

    [Fact]
    public async Task Only_platform_admins_maintain_the_trust_store()
    {
        await using var scope = _db.As(_owner);
        var admin = Admin(scope);
        Assert.Equal(Errors.Forbidden, (await admin.ListAsync()).Error?.Code);
        Assert.Equal(Errors.Forbidden, (await admin.ImportCaAsync(new ExternalTestCa("x").Certificate.GetEncoded(), "x", false, null)).Error?.Code);
    }
}
