using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Infrastructure.Signing;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pki;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure;

/// <summary>Platform admins import external CAs and CRLs into the database-backed trust store.</summary>
public class TrustedCaAdministrationTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private ServiceProvider _services = null!;
    private Guid _admin, _owner;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _admin = await _db.UserIdAsync(Demo.PlatformAdmin);
        _owner = await _db.UserIdAsync(Demo.EnterpriseOwner);
        // The database stores and the trust store, as the portal registers them with a pool configured.
        var services = new ServiceCollection();
        foreach (var d in ServiceDescriptors())
        {
            ((ICollection<ServiceDescriptor>)services).Add(d);
        }
        _services = services.BuildServiceProvider();
    }

    private IEnumerable<ServiceDescriptor> ServiceDescriptors()
    {
        var root = _db.Services;
        yield return ServiceDescriptor.Singleton(root.GetRequiredService<IDbContextFactory<Portal.Infrastructure.Persistence.PortalDbContext>>());
        yield return ServiceDescriptor.Singleton(typeof(EfPkiStores), typeof(EfPkiStores));
        yield return ServiceDescriptor.Singleton<ITrustedCaStore>(sp => sp.GetRequiredService<EfPkiStores>());
        yield return ServiceDescriptor.Singleton<IRevocationStore>(sp => sp.GetRequiredService<EfPkiStores>());
        yield return ServiceDescriptor.Singleton(sp => new TrustStore(sp.GetRequiredService<ITrustedCaStore>(), sp.GetRequiredService<IRevocationStore>()));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    private TrustedCaAdministration Admin(AsyncServiceScope scope) => new(_services, new SigningAvailability(true),
        scope.ServiceProvider.GetRequiredService<Access>(), scope.ServiceProvider.GetRequiredService<Portal.Application.Audit.AuditTrail>(),
        scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>(), TimeProvider.System);

    [Fact]
    public async Task A_platform_admin_imports_a_ca_in_pem_then_its_crl()
    {
        var external = new ExternalTestCa("福建CA");
        await using var scope = _db.As(_admin, PlatformRoles.PlatformAdmin);
        var admin = Admin(scope);
        var pem = "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(external.Certificate.GetEncoded(), Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n";
        var imported = await admin.ImportCaAsync(Encoding.ASCII.GetBytes(pem), "福建CA", failClosed: true, crlUrl: null);
        Assert.True(imported.Succeeded, imported.Error?.ToString());

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
