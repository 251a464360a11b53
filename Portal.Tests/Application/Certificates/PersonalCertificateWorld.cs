using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Certificates;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Infrastructure.Signing;
using Portal.Signing;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Certificates;

/// <summary>
/// A seeded database with the real SoftHSM2 pool and a platform CA over the database's PKI stores: personal
/// certificates are issued, revoked and checked exactly as in production. Tests using it run in the SoftHSM collection.
/// </summary>
public static class PersonalCertificateWorld
{
    public static Task<TestDatabase> CreateAsync(SoftHsmFixture hsm, Action<IServiceCollection>? configure = null) =>
        TestDatabase.CreateAsync(seedDemo: true, s =>
        {
            s.AddSingleton(hsm.Pool);
            s.AddSingleton<IPinProvider>(hsm.Pins);
            s.AddSingleton(new SigningAvailability(true));
            s.AddPortalSigning(_ => { }, FastTestKeys.Apply);
            configure?.Invoke(s);
        });

    /// <summary>Marks the user real-name verified (what the real-name page does when a check passes).</summary>
    public static async Task VerifyRealNameAsync(this TestDatabase db, Guid userId, string name)
    {
        await using var ctx = db.Db(null, userId);
        var user = await ctx.Users.SingleAsync(u => u.Id == userId);
        user.RealName = name;
        user.RealNameVerifiedAtUtc = db.Clock.GetUtcNow().UtcDateTime;
        ctx.RealNameVerifications.Add(new RealNameVerification
        {
            Id = Guid.NewGuid(),
            OwnerUserId = userId,
            Name = name,
            IdNumber = Checksums.CompleteIdNumber("11010519491231002"),
            Channel = RealNameChannel.PhoneThreeFactor,
            Status = RealNameStatus.Verified,
            CreatedAtUtc = user.RealNameVerifiedAtUtc.Value,
            DecidedAtUtc = user.RealNameVerifiedAtUtc.Value,
        });
        await ctx.SaveChangesAsync();
    }

    public static Task<Result<PersonalCertificateView>> IssueAsync(this TestDatabase db, Guid userId, PersonalCertificateType type, int years) =>
        db.RunAsync<IssuePersonalCertificate, Result<PersonalCertificateView>>(userId, s => s.ExecuteAsync(type, years));

    public static Task<Result<PersonalCertificateView>> RenewAsync(this TestDatabase db, Guid userId, PersonalCertificateType type, int years) =>
        db.RunAsync<RenewPersonalCertificate, Result<PersonalCertificateView>>(userId, s => s.ExecuteAsync(type, years));

    public static Task<Result<PersonalCertificateView>> ReissueAsync(this TestDatabase db, Guid userId, bool compromise = false) =>
        db.RunAsync<ReissuePersonalCertificate, Result<PersonalCertificateView>>(userId, s => s.ExecuteAsync(compromise));

    public static Task<PersonalCertificateOverview> OverviewAsync(this TestDatabase db, Guid userId) =>
        db.RunAsync<GetPersonalCertificate, PersonalCertificateOverview>(userId, async s => (await s.ExecuteAsync()).Value!);

    /// <summary>What a relying party concludes: chain through the platform issuing CA to the trusted root, revocation from the CA's records.</summary>
    public static async Task<TrustStatus> TrustAsync(this TestDatabase db, byte[] der)
    {
        var stores = db.Services.GetRequiredService<EfPkiStores>();
        var ca = db.Services.GetRequiredService<PlatformCa>();
        var result = await new TrustStore(stores, stores, db.Clock).CheckAsync(new Org.BouncyCastle.X509.X509Certificate(der), [ca.IssuingCertificate]);
        return result.Status;
    }

    public static async Task<PersonalCertificate> StoredAsync(this TestDatabase db, Guid certificateId)
    {
        await using var ctx = db.Db();
        return await ctx.PersonalCertificates.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == certificateId);
    }
}
