using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.PersonalSignatures;
using Portal.Application.Seeding;
using Portal.Application.Signing;
using Portal.Application.SigningPins;
using Portal.Application.SigningTasks;
using Portal.Infrastructure.Signing;
using Portal.Signing;
using Portal.Signing.Pdf;
using Portal.Signing.Pdf.Verification;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;
using Portal.Tests.Application.Signing;
using Portal.Tests.Signing.Pdf;
using Portal.Tests.Signing.Pkcs11;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Annotations;

namespace Portal.Tests.Application.SigningTasks;

/// <summary>
/// Signing tasks on the real SoftHSM2 pool with the platform CA and TSA, at 示例学院: three members sign in order with their
/// name seals and the final PDF carries three valid signatures (pdfsig and our verifier, each signer named); two parallel
/// signers racing on one document both end up in it (the loser signs again on the newer version); a revoke racing a
/// signature leaves no version and no file; a designated keyword is signed where the keyword is, and a keyword not in the
/// document is refused in the signer's words with nothing stored.
/// </summary>
[Collection(SoftHsmCollection.Name)]
public sealed class SigningTaskHsmTests(SoftHsmFixture hsm) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Guid _org, _initiator;
    private readonly Dictionary<Guid, (Guid Signature, string Name)> _signers = [];
    private string _nss = "";
    private PlatformCa _ca = null!;

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
        _ca = _db.Services.GetRequiredService<PlatformCa>(); // loaded from the seeded copy
        _org = await _db.UniversityIdAsync();
        _initiator = await _db.UserIdAsync(Demo.UniversitySealAdmin);
        await _db.SwitchAsync(_initiator, _org);
        // Three real-name-verified members with the demo PIN; each makes their name seal (人名章).
        foreach (var phone in new[] { Demo.CsHead, Demo.CsMember, Demo.UniversityOwner })
        {
            var user = await _db.UserIdAsync(phone);
            await _db.SwitchAsync(user, _org);
            var seal = ResultAssert.Ok(await _db.RunAsync<MakeNameSeal, Result<PersonalSignatureView>>(user, s => s.ExecuteAsync()));
            await using var ctx = _db.Db();
            _signers[user] = (seal.Id, (await ctx.Users.SingleAsync(u => u.Id == user)).RealName!);
        }
        _nss = TestTemp.NewFolder("nss");
        Directory.CreateDirectory(_nss);
        Tools.Run("certutil", $"-N -d sql:{_nss} --empty-password");
        var root = Tools.TempFile(_ca.RootCertificate.GetEncoded(), ".der");
        Tools.Run("certutil", $"-A -d sql:{_nss} -n \"Portal Root\" -t \"CT,C,C\" -i {root}");
        File.Delete(root);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_nss, recursive: true);
    }

    private async Task<(Guid Task, Guid Document)> SentAsync(SigningOrder order, params Guid[] participants)
    {
        var saved = ResultAssert.Ok(await _db.RunAsync<SaveTaskDraft, Result<SavedTaskDraft>>(_initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(
            null, "专家论证会纪要", null, new DateOnly(2026, 11, 30), order, null, [TaskDocumentInput.New("纪要.pdf", TestPdfs.Make(2))],
            participants.Select(p => new TaskParticipantInput(p)).ToList(), []))));
        ResultAssert.Ok(await _db.RunAsync<SendTask, Result>(_initiator, s => s.ExecuteAsync(saved.TaskId)));
        await using var ctx = _db.Db(_org);
        return (saved.TaskId, await ctx.TaskDocuments.Where(d => d.TaskId == saved.TaskId).Select(d => d.Id).SingleAsync());
    }

    private Task<Result<SignedDocument>> SignAsync(Guid user, Guid task, Guid document, double y) =>
        _db.RunAsync<SignWithSeal, Result<SignedDocument>>(user, s => s.ExecuteAsync(SignWithSealCommand.Personal(_signers[user].Signature, "", [],
            [new StampSpec(StampKind.Single, 1, 150, y)], new PinProof("Pin2026")) with
        { Task = new TaskSigning(task, document) }));

    private async Task<byte[]> CurrentAsync(Guid task, Guid document) =>
        ResultAssert.Ok(await _db.RunAsync<DownloadTaskDocuments, Result<TaskFile>>(_initiator, s => s.DocumentAsync(task, document))).Content;

    private string PdfSig(byte[] pdf)
    {
        var file = Tools.TempFile(pdf);
        var report = Tools.Run("pdfsig", $"-nssdir sql:{_nss} {file}", allowFailure: true).Output;
        File.Delete(file);
        return report;
    }

    [Fact]
    public async Task Three_members_sign_in_order_and_the_final_pdf_has_three_valid_signatures_each_naming_its_signer()
    {
        var order = _signers.Keys.ToArray();
        var (task, document) = await SentAsync(SigningOrder.Sequential, order);
        // The second may not sign before the first finished.
        Assert.Equal(Errors.NotFound, (await SignAsync(order[1], task, document, 300)).Error?.Code);
        for (var i = 0; i < order.Length; i++)
        {
            ResultAssert.Ok(await SignAsync(order[i], task, document, 200 + 150 * i));
            ResultAssert.Ok(await _db.RunAsync<FinishTurn, Result>(order[i], s => s.ExecuteAsync(task)));
        }

        await using (var ctx = _db.Db(_org))
        {
            Assert.Equal(SigningTaskStatus.Completed, (await ctx.SigningTasks.SingleAsync(t => t.Id == task)).Status);
            Assert.Equal([1, 2, 3, 4], await ctx.TaskDocumentVersions.Where(v => v.DocumentId == document).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync());
        }
        var pdf = await CurrentAsync(task, document);
        var report = PdfSig(pdf);
        Assert.Equal(3, report.Split("Signature is Valid").Length - 1);
        Assert.Equal(3, report.Split("Certificate is Trusted").Length - 1);
        foreach (var (_, name) in _signers.Values)
        {
            Assert.Contains("Signer Certificate Common Name: " + name, report);
        }
        var verified = await new PdfVerifier(new PdfVerificationOptions { TrustAnchors = [_ca.RootCertificate] }).VerifyAsync(pdf);
        Assert.Equal(3, verified.Signatures.Count);
        Assert.All(verified.Signatures, s => Assert.Equal(Indication.TotalPassed, s.Indication));
        Assert.All(_signers.Values, v => Assert.Contains(verified.Signatures, s => (s.Signer ?? "").Contains(v.Name) || (s.SignerName ?? "").Contains(v.Name)));
    }

    [Fact]
    public async Task Two_parallel_signers_racing_on_one_document_both_end_up_in_it_and_a_revoke_racing_a_signature_leaves_nothing()
    {
        var (a, b) = (_signers.Keys.ElementAt(0), _signers.Keys.ElementAt(1));
        var (task, document) = await SentAsync(SigningOrder.Parallel, a, b);
        var signer = _db.Services.GetRequiredService<HookedSigner>();
        Result<SignedDocument>? inner = null;
        // While A's signature is being made outside the lock, B signs and commits: A's reserved version is no longer current.
        signer.WhileSigning = async () =>
        {
            signer.WhileSigning = null;
            inner = await SignAsync(b, task, document, 400);
        };
        var outer = await SignAsync(a, task, document, 200);
        ResultAssert.Ok(outer);
        ResultAssert.Ok(inner!.Value);
        Assert.Equal(3, signer.Signed); // A signed twice: once on v1 (discarded), again on B's v2
        var report = PdfSig(await CurrentAsync(task, document));
        Assert.Equal(2, report.Split("Signature is Valid").Length - 1);
        await using (var ctx = _db.Db(_org))
        {
            var versions = await ctx.TaskDocumentVersions.Where(v => v.DocumentId == document).OrderBy(v => v.Number).ToListAsync();
            Assert.Equal([1, 2, 3], versions.Select(v => v.Number));
            Assert.Equal([_signers[b].Name, _signers[a].Name], versions.Skip(1).Select(v => v.SignerName));
        }

        // A revoke committing while B signs again: B's signature is discarded, no version and no file are kept.
        var files = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(DbPath())!, "files"), "*", SearchOption.AllDirectories).Length;
        Result? revoked = null;
        signer.WhileSigning = async () =>
        {
            signer.WhileSigning = null;
            revoked = await _db.RunAsync<RevokeTasks, Result>(_initiator, s => s.ExecuteAsync(task, "会议改期"));
        };
        var late = await SignAsync(b, task, document, 600);
        ResultAssert.Ok(revoked!.Value);
        Assert.Equal(Errors.TaskVoided, late.Error?.Code);
        await using (var ctx = _db.Db(_org))
        {
            Assert.Equal(3, await ctx.TaskDocumentVersions.CountAsync(v => v.DocumentId == document));
            Assert.Equal(SigningTaskStatus.Voided, (await ctx.SigningTasks.SingleAsync(t => t.Id == task)).Status);
        }
        Assert.Equal(files, Directory.GetFiles(Path.Combine(Path.GetDirectoryName(DbPath())!, "files"), "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task A_designated_keyword_is_signed_on_the_page_where_it_is_and_a_keyword_not_in_the_document_changes_nothing()
    {
        const string Keyword = "甲方（盖章）";
        var (fixedSigner, freeSigner) = (_signers.Keys.ElementAt(0), _signers.Keys.ElementAt(1));
        var input = TestPdfs.Make(3, keywordOnPages: "2");
        var saved = ResultAssert.Ok(await _db.RunAsync<SaveTaskDraft, Result<SavedTaskDraft>>(_initiator, s => s.ExecuteAsync(new SaveTaskDraftCommand(
            null, "采购合同", null, new DateOnly(2026, 11, 30), SigningOrder.Parallel, null, [TaskDocumentInput.New("合同.pdf", input)],
            [
                new TaskParticipantInput(fixedSigner, AllowFreePlacement: false, Positions: [new TaskPositionInput(0, null, null, null, Keyword)]),
                new TaskParticipantInput(freeSigner),
            ], []))));
        ResultAssert.Ok(await _db.RunAsync<SendTask, Result>(_initiator, s => s.ExecuteAsync(saved.TaskId)));
        var task = saved.TaskId;
        Guid document;
        await using (var ctx = _db.Db(_org))
        {
            document = await ctx.TaskDocuments.Where(d => d.TaskId == task).Select(d => d.Id).SingleAsync();
        }
        Task<Result<SignedDocument>> Sign(Guid user, params StampSpec[] stamps) => _db.RunAsync<SignWithSeal, Result<SignedDocument>>(user,
            s => s.ExecuteAsync(SignWithSealCommand.Personal(_signers[user].Signature, "", [], stamps, new PinProof("Pin2026")) with
            { Task = new TaskSigning(task, document) }));
        async Task<int> VersionsAsync()
        {
            await using var ctx = _db.Db(_org);
            return await ctx.TaskDocumentVersions.CountAsync(v => v.DocumentId == document);
        }

        // A keyword that is not in the document: refused with the keyword named, no version stored.
        var missing = ResultAssert.Refused(Errors.PlacementKeywordNotFound, await Sign(freeSigner, StampSpec.AtKeyword("丙方（盖章）")));
        Assert.Equal(["丙方（盖章）"], missing.Args);
        Assert.Equal(1, await VersionsAsync());

        // The designated keyword as the sign page offers it; a plain stamp does not pass for it.
        var offered = ResultAssert.Ok(await _db.RunAsync<GetTaskSigning, Result<TaskSigningView>>(fixedSigner, s => s.ExecuteAsync(task))).Turn!.Positions;
        Assert.Equal([StampSpec.AtKeyword(Keyword)], offered.Select(p => p.Stamp));
        ResultAssert.Refused(Errors.TaskPlacementNotAllowed, await Sign(fixedSigner, new StampSpec(StampKind.Single, 1, 150, 200)));
        var signed = ResultAssert.Ok(await Sign(fixedSigner, [.. offered.Select(p => p.Stamp)]));
        Assert.Equal([2], signed.Pages);
        Assert.Equal(2, await VersionsAsync());

        // The signature's widget is centred on the keyword, on its page.
        var hit = Assert.Single(KeywordFinder.Find(input, Keyword));
        Assert.Equal(1, hit.PageIndex);
        using (var pdf = PdfDocument.Open(signed.Pdf))
        {
            Assert.DoesNotContain(pdf.GetPage(1).GetAnnotations(), a => a.Type == AnnotationType.Widget);
            var widget = Assert.Single(pdf.GetPage(2).GetAnnotations(), a => a.Type == AnnotationType.Widget).Rectangle;
            Assert.InRange(widget.Centroid.X, hit.X + (hit.W / 2) - 1, hit.X + (hit.W / 2) + 1);
            Assert.InRange(widget.Centroid.Y, hit.Y + (hit.H / 2) - 1, hit.Y + (hit.H / 2) + 1);
        }
        var report = PdfSig(await CurrentAsync(task, document));
        Assert.Equal(1, report.Split("Signature is Valid").Length - 1);
    }

    private string DbPath()
    {
        using var ctx = _db.Db();
        return ctx.Database.GetConnectionString()!["Data Source=".Length..];
    }
}
