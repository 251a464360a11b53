using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;
using Portal.Application.Bindings;
using Portal.Application.Certificates;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Certificates;

[Collection(SoftHsmCollection.Name)]
public sealed class PersonalCertificateTests(SoftHsmFixture hsm)
{
    [Fact]
    public async Task Issue_is_refused_without_real_name_verification_and_changes_nothing()
    {
        await using var db = await PersonalCertificateWorld.CreateAsync(hsm);
        // 赵敏 is the demo member the seed leaves without real-name verification.
        var user = await db.UserIdAsync(Demo.EnterpriseMember2);

        var r = await db.IssueAsync(user, PersonalCertificateType.Standard, 1);

        ResultAssert.Refused(Errors.RealNameRequired, r);
        await using var ctx = db.Db();
        Assert.False(await ctx.PersonalCertificates.IgnoreQueryFilters().AnyAsync());
        Assert.True(await ctx.AuditEvents.AnyAsync(e => e.Action == AuditActions.CertificatePersonal && e.Detail == Errors.RealNameRequired));
        var seam = await db.RunAsync<PersonalCertificates, Result<PersonalSigningCertificate>>(user, s => s.GetCurrentAsync(user));
        ResultAssert.Refused(Errors.RealNameRequired, seam);
        Assert.False((await db.OverviewAsync(user)).RealNameVerified);
    }

    [Fact]
    public async Task Issue_gives_one_active_certificate_with_a_pool_key_trusted_through_the_platform_root()
    {
        await using var db = await PersonalCertificateWorld.CreateAsync(hsm);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        await db.VerifyRealNameAsync(user, "王强");
        var now = db.Clock.GetUtcNow().UtcDateTime;

        var r = await db.IssueAsync(user, PersonalCertificateType.Standard, 2);

        ResultAssert.Ok(r);
        Assert.Equal(now.AddYears(2), r.Value!.NotAfterUtc, TimeSpan.FromSeconds(1));
        var stored = await db.StoredAsync(r.Value.Id);
        var cert = new X509Certificate(stored.CertificateDer);
        Assert.Contains("CN=王强", cert.SubjectDN.ToString());
        Assert.DoesNotContain("110105", cert.SubjectDN.ToString()); // the ID number enters only as a keyed hash
        Assert.IsType<RsaKeyParameters>(cert.GetPublicKey());
        Assert.Equal(TrustStatus.Trusted, await db.TrustAsync(stored.CertificateDer));
        var ca = db.Services.GetRequiredService<PlatformCa>();
        Assert.True(cert.IssuerDN.Equivalent(ca.IssuingCertificate.SubjectDN));

        // The seam the signing feature uses: the same key and certificate.
        var seam = await db.RunAsync<PersonalCertificates, Result<PersonalSigningCertificate>>(user, s => s.GetCurrentAsync(user));
        Assert.Equal(stored.KeyId, seam.Value!.KeyId);
        Assert.Equal(stored.CertificateDer, seam.Value.CertificateDer);

        Assert.Equal(Errors.PersonalCertificateExists, (await db.IssueAsync(user, PersonalCertificateType.Ecc, 1)).Error?.Code);
        Assert.Equal(Errors.ValidityInvalid, (await db.IssueAsync(user, PersonalCertificateType.Standard, 4)).Error?.Code);
        var installs = await db.RunAsync<ListCertificateRecords, Result<IReadOnlyList<CertificateInstallRow>>>(user, s => s.InstallsAsync(new()));
        Assert.Equal(CertificateInstallKind.FirstDownload, Assert.Single(installs.Value!).Kind);
        var operations = await db.RunAsync<ListCertificateRecords, Result<IReadOnlyList<CertificateOperationRow>>>(user, s => s.OperationsAsync(new()));
        Assert.Equal(CertificateOperationKind.Issue, Assert.Single(operations.Value!).Kind);
    }

    [Fact]
    public async Task Renewing_the_same_type_keeps_the_key_and_extends_from_the_current_end_date()
    {
        await using var db = await PersonalCertificateWorld.CreateAsync(hsm);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        await db.VerifyRealNameAsync(user, "王强");
        var first = (await db.IssueAsync(user, PersonalCertificateType.Standard, 1)).Value!;
        db.Clock.Advance(TimeSpan.FromDays(100));

        var renewed = await db.RenewAsync(user, PersonalCertificateType.Standard, 2);

        ResultAssert.Ok(renewed);
        Assert.Equal(first.NotAfterUtc.AddYears(2), renewed.Value!.NotAfterUtc);
        var old = await db.StoredAsync(first.Id);
        var current = await db.StoredAsync(renewed.Value.Id);
        Assert.Equal(old.KeyId, current.KeyId);
        Assert.Equal(PersonalCertificateStatus.Superseded, old.Status);
        Assert.Null(old.ActiveOwnerUserId);
        // Same key, earlier end: the old certificate is not revoked, it simply ends.
        Assert.Equal(TrustStatus.Trusted, await db.TrustAsync(old.CertificateDer));
        var overview = await db.OverviewAsync(user);
        Assert.Equal(renewed.Value.Id, overview.Current!.Id);
        Assert.Equal(0, overview.ReissuesUsed); // renewals do not count as reissues (seed 001)
        var installs = await db.RunAsync<ListCertificateRecords, Result<IReadOnlyList<CertificateInstallRow>>>(user,
            s => s.InstallsAsync(new(Install: CertificateInstallKind.Renewal)));
        Assert.Single(installs.Value!);
    }

    [Fact]
    public async Task Renewing_to_another_type_takes_effect_at_once_with_a_new_key_and_revokes_the_old_certificate()
    {
        await using var db = await PersonalCertificateWorld.CreateAsync(hsm);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        await db.VerifyRealNameAsync(user, "王强");
        var first = (await db.IssueAsync(user, PersonalCertificateType.Standard, 2)).Value!;
        db.Clock.Advance(TimeSpan.FromDays(10));
        var now = db.Clock.GetUtcNow().UtcDateTime;

        var changed = await db.RenewAsync(user, PersonalCertificateType.Ecc, 1);

        ResultAssert.Ok(changed);
        Assert.Equal(now.AddYears(1), changed.Value!.NotAfterUtc, TimeSpan.FromSeconds(1));
        Assert.True(changed.Value.NotBeforeUtc <= now);
        var old = await db.StoredAsync(first.Id);
        var current = await db.StoredAsync(changed.Value.Id);
        Assert.NotEqual(old.KeyId, current.KeyId);
        Assert.IsType<ECPublicKeyParameters>(new X509Certificate(current.CertificateDer).GetPublicKey());
        Assert.Equal(PersonalCertificateStatus.Revoked, old.Status);
        Assert.Equal(TrustStatus.Revoked, await db.TrustAsync(old.CertificateDer));
        Assert.Equal(TrustStatus.Trusted, await db.TrustAsync(current.CertificateDer));
        var installs = await db.RunAsync<ListCertificateRecords, Result<IReadOnlyList<CertificateInstallRow>>>(user, s => s.InstallsAsync(new()));
        Assert.Equal([CertificateInstallKind.Change, CertificateInstallKind.FirstDownload], installs.Value!.Select(i => i.Kind));
    }

    [Fact]
    public async Task Three_reissues_are_free_then_a_paid_package_adds_three()
    {
        await using var db = await PersonalCertificateWorld.CreateAsync(hsm);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        await db.VerifyRealNameAsync(user, "王强");
        var current = (await db.IssueAsync(user, PersonalCertificateType.Ecc, 1)).Value!;
        var firstId = current.Id;
        var keys = new HashSet<string> { (await db.StoredAsync(current.Id)).KeyId };

        for (var i = 1; i <= 3; i++)
        {
            var previous = current;
            var r = await db.ReissueAsync(user, compromise: i == 1);
            ResultAssert.Ok(r);
            current = r.Value!;
            Assert.Equal(previous.NotAfterUtc, current.NotAfterUtc); // a reissue keeps the end date
            Assert.True(keys.Add((await db.StoredAsync(current.Id)).KeyId), "a reissue is a new key");
            Assert.Equal(TrustStatus.Revoked, await db.TrustAsync((await db.StoredAsync(previous.Id)).CertificateDer));
            Assert.Equal(3 - i, (await db.OverviewAsync(user)).ReissuesRemaining);
        }
        Assert.Equal(PersonalRevocationReason.KeyCompromise.ToString(), (await db.StoredAsync(firstId)).RevocationReason);
        Assert.Equal(3, (await db.OverviewAsync(user)).History.Count(h => h.Status == PersonalCertificateStatus.Revoked));

        var refused = await db.ReissueAsync(user);
        ResultAssert.Refused(Errors.ReissuesExhausted, refused);
        Assert.Equal(current.Id, (await db.OverviewAsync(user)).Current!.Id);

        var bought = await db.RunAsync<BuyReissuePackage, Result<ReissuePackagePurchase>>(user, s => s.ExecuteAsync());
        ResultAssert.Ok(bought);
        Assert.Equal(3, bought.Value!.ReissuesRemaining);
        Assert.StartsWith("DEV-", bought.Value.PaymentReference);
        var overview = await db.OverviewAsync(user);
        var order = Assert.Single(overview.Orders);
        Assert.Equal((OrderStatus.Paid, 3000L, 3), (order.Status, order.AmountFen, order.Quantity));

        Assert.True((await db.ReissueAsync(user)).Succeeded);
        Assert.Equal(2, (await db.OverviewAsync(user)).ReissuesRemaining);
        Assert.True((await db.RenewAsync(user, PersonalCertificateType.Ecc, 1)).Succeeded);
        Assert.Equal(2, (await db.OverviewAsync(user)).ReissuesRemaining);
    }

    [Fact]
    public async Task A_refused_payment_records_a_failed_order_and_adds_no_reissues()
    {
        await using var db = await PersonalCertificateWorld.CreateAsync(hsm, s => s.AddScoped<IPaymentGateway, DecliningGateway>());
        var user = await db.UserIdAsync(Demo.EnterpriseMember);

        var r = await db.RunAsync<BuyReissuePackage, Result<ReissuePackagePurchase>>(user, s => s.ExecuteAsync());

        ResultAssert.Refused(Errors.PaymentFailed, r);
        var overview = await db.OverviewAsync(user);
        Assert.Equal(OrderStatus.Failed, Assert.Single(overview.Orders).Status);
        Assert.Equal(3, overview.ReissuesRemaining);
    }

    [Fact]
    public async Task A_revoked_certificate_is_in_the_crl_and_ocsp_and_stops_being_the_signing_certificate()
    {
        await using var db = await PersonalCertificateWorld.CreateAsync(hsm);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        await db.VerifyRealNameAsync(user, "王强");
        var issued = (await db.IssueAsync(user, PersonalCertificateType.Standard, 1)).Value!;
        var stored = await db.StoredAsync(issued.Id);

        Assert.Equal(Errors.ReasonRequired,
            (await db.RunAsync<RevokePersonalCertificate, Result>(user, s => s.ExecuteAsync(issued.Id, " ", keyCompromise: false))).Error?.Code);
        var other = await db.UserIdAsync(Demo.EnterpriseOwner);
        Assert.Equal(Errors.NotFound,
            (await db.RunAsync<RevokePersonalCertificate, Result>(other, s => s.ExecuteAsync(issued.Id, "不是我的", keyCompromise: false))).Error?.Code);
        var ca = db.Services.GetRequiredService<PlatformCa>();
        var serial = new X509Certificate(stored.CertificateDer).SerialNumber;
        Assert.Null(new X509Crl(await ca.GetCrlAsync(PlatformCa.IssuingId)).GetRevokedCertificate(serial));

        var r = await db.RunAsync<RevokePersonalCertificate, Result>(user, s => s.ExecuteAsync(issued.Id, "手机丢失", keyCompromise: true));

        ResultAssert.Ok(r);
        var crl = new X509Crl(await ca.GetCrlAsync(PlatformCa.IssuingId));
        crl.Verify(ca.IssuingCertificate.GetPublicKey());
        Assert.NotNull(crl.GetRevokedCertificate(serial));
        var ocsp = new Org.BouncyCastle.Ocsp.OcspResp(await new OcspResponder(ca).RespondAsync(
            OcspResponder.CreateRequest(new X509Certificate(stored.CertificateDer), ca.IssuingCertificate)));
        var single = ((Org.BouncyCastle.Ocsp.BasicOcspResp)ocsp.GetResponseObject()).Responses.Single();
        var revoked = Assert.IsType<Org.BouncyCastle.Ocsp.RevokedStatus>(single.GetCertStatus());
        Assert.Equal((int)RevocationReason.KeyCompromise, revoked.RevocationReason);
        Assert.Equal(TrustStatus.Revoked, await db.TrustAsync(stored.CertificateDer));

        var seam = await db.RunAsync<PersonalCertificates, Result<PersonalSigningCertificate>>(user, s => s.GetCurrentAsync(user));
        ResultAssert.Refused(Errors.NoPersonalCertificate, seam);
        Assert.Equal(PersonalCertificateStatus.Revoked, (await db.StoredAsync(issued.Id)).Status);
        Assert.True((await db.IssueAsync(user, PersonalCertificateType.Standard, 1)).Succeeded, "a new certificate can be applied for after a revocation");
    }

    [Fact]
    public async Task Expiry_warnings_go_out_at_30_and_7_days_each_once()
    {
        await using var db = await PersonalCertificateWorld.CreateAsync(hsm);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        await db.VerifyRealNameAsync(user, "王强");
        var issued = (await db.IssueAsync(user, PersonalCertificateType.Standard, 1)).Value!;
        var run = () => db.RunAsync<SendExpiryWarnings, int>(null, s => s.ExecuteAsync());

        db.Clock.SetUtcNow(issued.NotAfterUtc.AddDays(-31));
        Assert.Equal(0, await run());
        db.Clock.SetUtcNow(issued.NotAfterUtc.AddDays(-29));
        Assert.Equal(1, await run());
        Assert.Equal(0, await run());
        db.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await run());
        db.Clock.SetUtcNow(issued.NotAfterUtc.AddDays(-6));
        Assert.Equal(1, await run());
        Assert.Equal(0, await run());
        db.Clock.SetUtcNow(issued.NotAfterUtc.AddHours(1));
        Assert.Equal(0, await run());

        await using var ctx = db.Db();
        var texts = await ctx.SmsOutbox.Where(m => m.Phone == Demo.EnterpriseMember && m.Text.Contains("个人证书")).Select(m => m.Text).ToListAsync();
        Assert.Equal(2, texts.Count);
        Assert.All(texts, t => Assert.Contains(issued.NotAfterUtc.AddHours(8).ToString("yyyy-MM-dd"), t));
    }

    [Fact]
    public async Task Parallel_expiry_runs_send_each_warning_once()
    {
        await using var db = await PersonalCertificateWorld.CreateAsync(hsm);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        await db.VerifyRealNameAsync(user, "王强");
        var issued = (await db.IssueAsync(user, PersonalCertificateType.Standard, 1)).Value!;
        db.Clock.SetUtcNow(issued.NotAfterUtc.AddDays(-29));

        // The write lock is held while the runs start: every run lists the certificate as due, then they claim it one after another.
        int[] sent;
        await using (var holder = db.Db())
        {
            var held = await holder.BeginWriteTransactionAsync();
            var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(() => db.RunAsync<SendExpiryWarnings, int>(null, s => s.ExecuteAsync()))).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.All(runs, r => Assert.False(r.IsCompleted, "every run waits for the write lock"));
            await held.DisposeAsync();
            sent = await Task.WhenAll(runs);
        }

        Assert.Equal(1, sent.Sum());
        await using var ctx = db.Db();
        Assert.Equal(1, await ctx.SmsOutbox.CountAsync(m => m.Phone == Demo.EnterpriseMember && m.Text.Contains("个人证书")));
        Assert.Equal(1, await ctx.AuditEvents.CountAsync(e => e.Action == AuditActions.CertificatePersonalExpiryWarning && e.Target == issued.SerialNumber));
        Assert.NotNull((await db.StoredAsync(issued.Id)).Warned30AtUtc);
    }

    [Fact]
    public async Task A_certificate_first_seen_inside_7_days_gets_one_warning_and_a_renewal_starts_afresh()
    {
        await using var db = await PersonalCertificateWorld.CreateAsync(hsm);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        await db.VerifyRealNameAsync(user, "王强");
        var issued = (await db.IssueAsync(user, PersonalCertificateType.Standard, 1)).Value!;
        var run = () => db.RunAsync<SendExpiryWarnings, int>(null, s => s.ExecuteAsync());

        db.Clock.SetUtcNow(issued.NotAfterUtc.AddDays(-5));
        Assert.Equal(1, await run());
        Assert.Equal(0, await run());
        var renewed = (await db.RenewAsync(user, PersonalCertificateType.Standard, 1)).Value!;
        Assert.Equal(0, await run());
        db.Clock.SetUtcNow(renewed.NotAfterUtc.AddDays(-20));
        Assert.Equal(1, await run());
    }

    [Fact]
    public async Task Two_parallel_applications_give_exactly_one_active_certificate_and_the_loser_is_revoked()
    {
        await using var db = await PersonalCertificateWorld.CreateAsync(hsm);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        await db.VerifyRealNameAsync(user, "王强");

        var results = await Task.WhenAll(db.IssueAsync(user, PersonalCertificateType.Ecc, 1), db.IssueAsync(user, PersonalCertificateType.Ecc, 1));

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.Contains(results, r => r.Error?.Code is Errors.Concurrency or Errors.PersonalCertificateExists);
        await using var ctx = db.Db();
        var stored = await ctx.PersonalCertificates.IgnoreQueryFilters().ToListAsync();
        Assert.Single(stored);
        Assert.Equal(winner.Value!.Id, stored[0].Id);
        var revocations = await db.Services.GetRequiredService<IRevocationStore>().ListAsync(PlatformCa.IssuingId);
        Assert.Equal(results.Count(r => r.Error?.Code == Errors.Concurrency), revocations.Count);
        Assert.DoesNotContain(revocations, x => x.SerialNumber == stored[0].SerialNumber);
    }

    private sealed class DecliningGateway : IPaymentGateway
    {
        public Task<PaymentOutcome> ChargeAsync(Guid orderId, long amountFen, string description, CancellationToken cancellationToken = default) =>
            Task.FromResult(new PaymentOutcome(false, "DEV-DECLINED", "余额不足"));
    }
}
