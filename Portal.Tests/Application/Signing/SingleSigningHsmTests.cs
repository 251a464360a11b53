using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Application.Seeding;
using Portal.Application.Signing;
using Portal.Application.SigningPins;
using Portal.Infrastructure.Signing;
using Portal.Signing;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pdf;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Signing;

/// <summary>
/// Single-party signing end to end on the real SoftHSM2 pool with the platform CA and TSA: the signed PDF verifies in
/// pdfsig and passes qpdf, the ledger records it, and a revocation racing a signature never lets a signature through
/// after it commits — also one that commits while the document is being signed (outside the write lock).
/// </summary>
[Collection(SoftHsmCollection.Name)]
public sealed class SingleSigningHsmTests(SoftHsmFixture hsm) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Guid _org, _wang, _zhao, _sealAdmin;
    private Seal _contract = null!;
    private string _nss = "";

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true, configure: s =>
        {
            s.AddSingleton(new SigningAvailability(true));
            s.AddSingleton<IPinProvider>(hsm.Pins);
            s.AddSingleton(hsm.Pool);
            s.AddPortalSigning(_ => { }, FastTestKeys.Apply);
            s.AddSingleton(sp => new HookedSigner(ActivatorUtilities.CreateInstance<PdfDocumentSigner>(sp)));
            s.AddSingleton<IDocumentSigner>(sp => sp.GetRequiredService<HookedSigner>());
        });
        var ca = _db.Services.GetRequiredService<PlatformCa>(); // loaded from the seeded copy
        _org = await _db.EnterpriseIdAsync();
        _wang = await _db.UserIdAsync(Demo.EnterpriseMember);
        _zhao = await _db.UserIdAsync(Demo.EnterpriseMember2);
        _sealAdmin = await _db.UserIdAsync(Demo.EnterpriseSealAdmin);
        await using (var ctx = _db.Db())
        {
            foreach (var user in await ctx.Users.ToListAsync())
            {
                user.RealNameVerifiedAtUtc = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
            }
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = _db.Db(_org))
        {
            _contract = await ctx.Seals.AsNoTracking().SingleAsync(s => s.Type == SealType.Contract);
        }
        await SetPinAsync(_wang);
        _nss = Portal.Tests.Support.TestTemp.NewFolder("nss");
        Directory.CreateDirectory(_nss);
        Tools.Run("certutil", $"-N -d sql:{_nss} --empty-password");
        var root = Tools.TempFile(ca.RootCertificate.GetEncoded(), ".der");
        Tools.Run("certutil", $"-A -d sql:{_nss} -n \"Portal Root\" -t \"CT,C,C\" -i {root}");
        File.Delete(root);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_nss, recursive: true);
    }

    private async Task SetPinAsync(Guid user)
    {
        var r = await _db.RunAsync<SetSigningPin, Result>(user, s => s.ExecuteAsync(DemoSeed.SigningPin, DemoSeed.SigningPin));
        Assert.True(r.Succeeded || r.Error?.Code == Errors.SigningPinAlreadySet, r.Error?.ToString());
    }

    private Task<Result<SignedDocument>> SignAsync(Guid user, byte[] pdf, WillingnessProof proof, params StampSpec[] stamps) =>
        _db.RunAsync<SignWithSeal, Result<SignedDocument>>(user, s => s.ExecuteAsync(
            new SignWithSealCommand(_contract.Id, "采购合同.pdf", pdf, stamps.Length == 0 ? [new StampSpec(StampKind.Single, 1, 300, 200)] : stamps, proof)));

    private async Task<List<SealUsage>> UsagesAsync()
    {
        await using var ctx = _db.Db(_org);
        return await ctx.SealUsages.AsNoTracking().OrderBy(u => u.SignedAtUtc).ToListAsync();
    }

    [Fact]
    public async Task A_holder_signs_and_the_pdf_verifies_in_pdfsig_and_qpdf_and_the_ledger_has_it()
    {
        var input = TestPdfs.Make(3);
        var signed = await SignAsync(_wang, input, new PinProof("Pin2026"),
            new StampSpec(StampKind.Single, 1, 300, 200), new StampSpec(StampKind.CrossPage, 0, 0, 400, 1, 3));
        ResultAssert.Ok(signed);
        Assert.Equal("采购合同-signed.pdf", signed.Value!.FileName);
        Assert.Equal([1, 2, 3], signed.Value.Pages.Distinct().Order());

        var file = Tools.TempFile(signed.Value.Pdf);
        var report = Tools.Run("pdfsig", $"-nssdir sql:{_nss} {file}", allowFailure: true).Output;
        File.Delete(file);
        Assert.Contains("Signature is Valid", report);
        Assert.Contains("Certificate is Trusted", report);
        // PAdES B-LT: the DSS revision follows the signature's, so pdfsig says "Not total document signed"; our verifier
        // classifies that revision as an allowed addition (LongTermValidationTests).
        Assert.Contains("Not total document signed", report);
        Assert.Contains("/DSS", System.Text.Encoding.Latin1.GetString(signed.Value.Pdf[^2000..]));
        Tools.AssertQpdfCleanComparedTo(input, signed.Value.Pdf);

        var usage = Assert.Single(await UsagesAsync());
        Assert.Equal(_wang, usage.UserId);
        Assert.Equal("王强", usage.UserName);
        Assert.Equal("合同专用章", usage.SealName);
        Assert.Equal(DocumentHash.Of(input), usage.DocumentSha256);
        Assert.Equal(DocumentHash.Of(signed.Value.Pdf), usage.SignedSha256);
        Assert.Equal("1,2,3", usage.Pages);
        Assert.Equal("127.0.0.1", usage.IpAddress);
        Assert.Contains("grant:", usage.Decision);
        var stored = await _db.RunAsync<DownloadSignedDocument, Result<(string FileName, byte[] Pdf)>>(_wang, d => d.ExecuteAsync(usage.Id));
        Assert.Equal(signed.Value.Pdf, stored.Value.Pdf);
        // Another member cannot download it; the seal admin can, and sees it in the ledger, the export and the stats.
        Assert.Equal(Errors.NotFound, (await _db.RunAsync<DownloadSignedDocument, Result<(string, byte[])>>(_zhao, d => d.ExecuteAsync(usage.Id))).Error?.Code);
        var ledger = await _db.RunAsync<ListSealUsages, Result<IReadOnlyList<SealUsageRow>>>(_sealAdmin, l => l.ExecuteAsync(new SealUsageFilter(SealId: _contract.Id)));
        Assert.Single(ledger.Value!);
        Assert.Empty((await _db.RunAsync<ListSealUsages, Result<IReadOnlyList<SealUsageRow>>>(_zhao, l => l.ExecuteAsync(new SealUsageFilter()))).Value!);
        Assert.Empty((await _db.RunAsync<ListSealUsages, Result<IReadOnlyList<SealUsageRow>>>(_sealAdmin,
            l => l.ExecuteAsync(new SealUsageFilter(FromUtc: new DateTime(2026, 11, 23, 2, 0, 1, DateTimeKind.Utc))))).Value!);
        var xlsx = await _db.RunAsync<ExportSealUsages, Result<byte[]>>(_sealAdmin, e => e.ExecuteAsync(new SealUsageFilter(), k => k, t => t));
        Assert.Equal("PK"u8.ToArray(), xlsx.Value![..2]);
        var stats = await _db.RunAsync<GetSealUsageStats, Result<SealUsageStats>>(_sealAdmin, s => s.ExecuteAsync());
        var today = Assert.Single(stats.Value!.PerDay);
        Assert.Equal((new DateOnly(2026, 11, 23), 1), (today.PeriodStart, today.Uses));
        Assert.Equal(new DateOnly(2026, 11, 23), Assert.Single(stats.Value.PerWeek).PeriodStart); // a Monday
    }

    [Fact]
    public async Task A_wrong_pin_or_a_member_without_a_grant_gets_no_signature_and_no_ledger_entry()
    {
        var wrong = await SignAsync(_wang, TestPdfs.Make(1), new PinProof("Wrong999"));
        ResultAssert.Refused(Errors.SigningPinWrong, wrong);
        await SetPinAsync(_zhao);
        var noGrant = await SignAsync(_zhao, TestPdfs.Make(1), new PinProof("Pin2026"));
        ResultAssert.Refused(Errors.SealUseNoGrant, noGrant);
        var encrypted = await SignAsync(_wang, Tools.Qpdf(TestPdfs.Make(1), "--encrypt \"\" owner 256 --"), new PinProof("Pin2026"));
        ResultAssert.Refused(Errors.PdfEncrypted, encrypted);
        Assert.Empty(await UsagesAsync());
        await using var ctx = _db.Db(_org);
        Assert.True(await ctx.AuditEvents.AnyAsync(e => e.Action == AuditActions.SealUse && e.Outcome == AuditOutcome.Refused && e.Detail!.Contains("SealUseNoGrant")));
    }

    [Fact]
    public async Task An_sms_code_confirms_a_signature_too()
    {
        // The seed's real-name verification just texted 王强: one send per number per 60 s.
        _db.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True((await _db.RunAsync<SendSigningSmsCode, Result>(_wang, s => s.ExecuteAsync(SmsPurpose.SigningConfirmation))).Succeeded);
        string code;
        await using (var ctx = _db.Db())
        {
            var text = await ctx.SmsOutbox.Where(m => m.Phone == Demo.EnterpriseMember).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync();
            code = System.Text.RegularExpressions.Regex.Match(text, @"\d{6}").Value;
        }
        var signed = await SignAsync(_wang, TestPdfs.Make(2), new SmsCodeProof(code), new StampSpec(StampKind.AllPages, 0, 200, 200));
        ResultAssert.Ok(signed);
        Assert.Equal([1, 2], signed.Value!.Pages.Order());
    }

    [Fact]
    public async Task Revoking_in_parallel_with_signing_never_yields_a_signature_after_the_revocation_commits()
    {
        var signedBefore = 0;
        var refused = 0;
        for (var round = 0; round < 6; round++)
        {
            var grant = await _db.RunAsync<GrantSeal, Result<Guid>>(_sealAdmin, g => g.ExecuteAsync(
                new GrantInput(_contract.Id, _zhao, null, new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 31))));
            ResultAssert.Ok(grant);
            if (round == 0)
            {
                await SetPinAsync(_zhao);
            }
            var sign = Task.Run(() => SignAsync(_zhao, TestPdfs.Make(1), new PinProof("Pin2026")));
            if (round % 2 == 1)
            {
                await Task.Delay(5 * round);
            }
            var revoke = Task.Run(() => _db.RunAsync<RevokeGrant, Result>(_sealAdmin, r => r.ExecuteAsync(grant.Value, "并发收回")));
            var (signed, revoked) = (await sign, await revoke);
            ResultAssert.Ok(revoked);

            await using var ctx = _db.Db(_org);
            var revokeSeq = await ctx.AuditEvents.Where(e => e.Action == AuditActions.GrantRevoke && e.Target == grant.Value.ToString()).Select(e => e.Sequence).SingleAsync();
            var useSeq = await ctx.AuditEvents.Where(e => e.Action == AuditActions.SealUse && e.Outcome == AuditOutcome.Success && e.Detail!.Contains(grant.Value.ToString()))
                .Select(e => (long?)e.Sequence).SingleOrDefaultAsync();
            if (signed.Succeeded)
            {
                // The signature committed before the revocation did.
                Assert.NotNull(useSeq);
                Assert.True(useSeq < revokeSeq, $"signature {useSeq} after revocation {revokeSeq}");
                signedBefore++;
            }
            else
            {
                ResultAssert.Refused(Errors.SealUseNoGrant, signed);
                Assert.Null(useSeq);
                refused++;
            }
            // After the revocation nothing signs.
            Assert.Equal(Errors.SealUseNoGrant, (await SignAsync(_zhao, TestPdfs.Make(1), new PinProof("Pin2026"))).Error?.Code);
        }
        var usages = await UsagesAsync();
        Assert.Equal(signedBefore, usages.Count(u => u.UserId == _zhao));
        // Every stored signed file belongs to a ledger entry: none was kept from a unit of work that did not commit.
        var files = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(DbPath())!, "files"), "*.pdf").Select(f => Path.GetFileName(f)).ToHashSet();
        Assert.Equal(usages.Select(u => u.SignedFileKey).ToHashSet(), files!);
        Assert.Equal(6, signedBefore + refused);
    }

    [Fact]
    public async Task A_grant_revoked_while_the_document_is_being_signed_yields_no_signature_and_no_file()
    {
        var grant = await _db.RunAsync<GrantSeal, Result<Guid>>(_sealAdmin, g => g.ExecuteAsync(
            new GrantInput(_contract.Id, _zhao, null, new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 31))));
        Assert.True(grant.Succeeded, grant.Error?.ToString());
        await SetPinAsync(_zhao);
        Result? revoked = null;
        var signer = _db.Services.GetRequiredService<HookedSigner>();
        // Between the decision and the commit: the revocation takes the write lock while the engine signs, and commits.
        signer.WhileSigning = async () => revoked = await _db.RunAsync<RevokeGrant, Result>(_sealAdmin, r => r.ExecuteAsync(grant.Value, "签署中收回"));
        Result<SignedDocument> signed;
        try
        {
            signed = await SignAsync(_zhao, TestPdfs.Make(1), new PinProof("Pin2026"));
        }
        finally
        {
            signer.WhileSigning = null;
        }

        Assert.True(revoked?.Succeeded, revoked?.Error?.ToString());
        Assert.Equal(1, signer.Signed);
        Assert.Equal(Errors.SealUseNoGrant, signed.Error?.Code);
        Assert.DoesNotContain(await UsagesAsync(), u => u.UserId == _zhao);
        var files = Path.Combine(Path.GetDirectoryName(DbPath())!, "files");
        Assert.Empty(Directory.Exists(files) ? Directory.GetFiles(files, "*.pdf") : []);
        await using var ctx = _db.Db(_org);
        var revokeSeq = await ctx.AuditEvents.Where(e => e.Action == AuditActions.GrantRevoke && e.Target == grant.Value.ToString())
            .Select(e => e.Sequence).SingleAsync();
        var uses = await ctx.AuditEvents.Where(e => e.Action == AuditActions.SealUse && e.Target == _contract.Id.ToString()).ToListAsync();
        var refusal = Assert.Single(uses);
        Assert.Equal(AuditOutcome.Refused, refusal.Outcome);
        Assert.Contains("SealUseNoGrant", refusal.Detail);
        Assert.True(refusal.Sequence > revokeSeq, $"refusal {refusal.Sequence} before revocation {revokeSeq}");
    }

    private string DbPath()
    {
        using var ctx = _db.Db();
        return ctx.Database.GetConnectionString()!["Data Source=".Length..];
    }
}

/// <summary>The real PDF engine, with a hook that runs while it signs (after the decision, before the commit).</summary>
public sealed class HookedSigner(IDocumentSigner real) : IDocumentSigner
{
    private int _signed;

    public Func<Task>? WhileSigning { get; set; }

    public int Signed => _signed;

    public bool IsAvailable => real.IsAvailable;

    public long MaxBytes => real.MaxBytes;

    public Result<int> Inspect(byte[] pdf) => real.Inspect(pdf);

    public Result<IReadOnlyList<KeywordHit>> FindKeyword(byte[] pdf, string keyword) => real.FindKeyword(pdf, keyword);

    public async Task<Result<SignedPdf>> SignAsync(DocumentSignRequest request, CancellationToken cancellationToken = default)
    {
        if (WhileSigning is { } hook)
        {
            await hook();
        }
        var signed = await real.SignAsync(request, cancellationToken);
        Interlocked.Increment(ref _signed);
        return signed;
    }
}
