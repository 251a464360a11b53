using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Signing;
using Portal.Application.SigningPins;
using Portal.Application.Todos;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Authorization;

/// <summary>Signing, use requests, the usage ledger and signing PINs: A's owner reaches nothing of B's.</summary>
public static class SigningIsolationCases
{
    private static readonly byte[] Pdf = TestPdfs.Make(1);

    /// <summary>A use in B's ledger with its stored file, written directly (the harness has no HSM pool).</summary>
    private static async Task<SealUsage> UsageInBAsync(TenantPair t)
    {
        await using var ctx = t.Db.Db(t.OrgB);
        var usage = new SealUsage
        {
            Id = Guid.NewGuid(),
            OrganizationId = t.OrgB,
            SealId = t.SealInB,
            SealName = "计算机学院印章",
            UserId = t.OwnerB,
            UserName = "陈静",
            DocumentName = "B的文件.pdf",
            SignedFileKey = "none.pdf",
            SignedAtUtc = t.Db.Clock.GetUtcNow().UtcDateTime,
            Decision = "grant:x",
        };
        ctx.SealUsages.Add(usage);
        await ctx.SaveChangesAsync();
        return usage;
    }

    private static async Task<SealUseRequest> UseRequestInBAsync(TenantPair t)
    {
        await using var ctx = t.Db.Db(t.OrgB);
        var request = new SealUseRequest
        {
            Id = Guid.NewGuid(),
            OrganizationId = t.OrgB,
            SealId = t.SealInB,
            SealName = "计算机学院印章",
            ApplicantUserId = t.OwnerB,
            ApplicantName = "陈静",
            DocumentName = "B的文件.pdf",
            DocumentSha256 = DocumentHash.Of(Pdf),
            DocumentFileKey = "none.pdf",
            Placements = "1:1:100.0:100.0::",
            Status = RequestStatus.Pending,
            CreatedAtUtc = t.Db.Clock.GetUtcNow().UtcDateTime,
        };
        ctx.SealUseRequests.Add(request);
        await ctx.SaveChangesAsync();
        return request;
    }

    public static readonly IReadOnlyList<IsolationCase> All =
    [
        new("ListUsableSeals offers none of B's seals", async t =>
        {
            var seals = await t.AsOwnerA<ListUsableSeals, Result<IReadOnlyList<UsableSeal>>>(s => s.ExecuteAsync());
            ResultAssert.Ok(seals);
            Assert.NotEmpty(seals.Value!);
            Assert.DoesNotContain(seals.Value!, s => s.SealId == t.SealInB);
        }),
        new("SignWithSeal and SubmitUseRequest cannot use B's seal", async t =>
        {
            var stamps = new[] { new StampSpec(StampKind.Single, 1, 100, 100) };
            var sign = await t.AsOwnerA<SignWithSeal, Result<SignedDocument>>(s => s.ExecuteAsync(
                new SignWithSealCommand(t.SealInB, "x.pdf", Pdf, stamps, new PinProof("Pin2026"))));
            // The tenant's refusal itself (the pair has no HSM pool: a refusal for that would hide a missing tenant check).
            Assert.Equal(Errors.NotFound, sign.Error?.Code);
            var submit = await t.AsOwnerA<SubmitUseRequest, Result<Guid>>(s => s.ExecuteAsync(
                new SubmitUseRequestCommand(t.SealInB, "x.pdf", Pdf, stamps, "越界")));
            Assert.Equal(Errors.NotFound, submit.Error?.Code);
            await using var ctx = t.Db.Db(t.OrgB);
            Assert.False(await ctx.SealUsages.AnyAsync(u => u.UserId == t.OwnerA));
            Assert.False(await ctx.SealUseRequests.AnyAsync(r => r.ApplicantUserId == t.OwnerA));
            await t.AssertBUnchangedAsync();
        }),
        new("SealUsePolicy does not find B's seal from A's space", async t =>
        {
            await using var ctx = t.Db.Db(t.OrgA, t.OwnerA);
            var policy = new SealUsePolicy(new AlwaysAvailable());
            var d = await policy.DecideAsync(ctx, t.OwnerA, t.SealInB, null, t.Db.Clock.GetUtcNow().UtcDateTime);
            Assert.Equal(Errors.NotFound, d.Refusal?.Code);
        }),
        new("ListUseRequests, its detail, DecideUseRequest and the to-dos reach no request of B", async t =>
        {
            var request = await UseRequestInBAsync(t);
            var list = await t.AsOwnerA<ListUseRequests, Result<IReadOnlyList<UseRequestRow>>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(list.Value!, r => r.Id == request.Id);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<GetUseRequest, Result<UseRequestDetail>>(s => s.ExecuteAsync(request.Id))).Error?.Code);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<DecideUseRequest, Result>(s => s.ExecuteAsync(request.Id, true, "越界"))).Error?.Code);
            var todos = await t.AsOwnerA<ListTodos, Result<IReadOnlyList<TodoRow>>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(todos.Value!, r => r.Id == request.Id);
            await using var ctx = t.Db.Db(t.OrgB);
            Assert.Equal(RequestStatus.Pending, (await ctx.SealUseRequests.SingleAsync(r => r.Id == request.Id)).Status);
        }),
        new("The usage ledger, its export, the stats and downloads show nothing of B", async t =>
        {
            var usage = await UsageInBAsync(t);
            var rows = await t.AsOwnerA<ListSealUsages, Result<IReadOnlyList<SealUsageRow>>>(s => s.ExecuteAsync(new SealUsageFilter(SealId: t.SealInB)));
            Assert.Empty(rows.Value!);
            var all = await t.AsOwnerA<ListSealUsages, Result<IReadOnlyList<SealUsageRow>>>(s => s.ExecuteAsync(new SealUsageFilter()));
            Assert.DoesNotContain(all.Value!, r => r.Id == usage.Id);
            var stats = await t.AsOwnerA<GetSealUsageStats, Result<SealUsageStats>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(stats.Value!.PerDay, p => p.SealId == t.SealInB);
            Assert.Equal(Errors.NotFound,
                (await t.AsOwnerA<DownloadSignedDocument, Result<(string, byte[])>>(s => s.ExecuteAsync(usage.Id))).Error?.Code);
            var xlsx = await t.AsOwnerA<ExportSealUsages, Result<byte[]>>(s => s.ExecuteAsync(new SealUsageFilter(), k => k, d => d));
            using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(xlsx.Value!));
            Assert.Equal("Seal", workbook.Worksheet(1).Cell(1, 2).GetString());
            Assert.DoesNotContain(workbook.Worksheet(1).CellsUsed(), c => c.GetString().Contains("B的文件"));
        }),
        new("A signing PIN is its owner's alone", async t =>
        {
            // B's owner picks a PIN A's owner does not have; A's owner cannot confirm with it.
            var setB = await t.Db.RunAsync<ChangeSigningPin, Result>(t.OwnerB, s => s.ExecuteAsync("Pin2026", "Bpin2026", "Bpin2026"));
            if (setB.Error?.Code == Errors.SigningPinNotSet)
            {
                setB = await t.Db.RunAsync<SetSigningPin, Result>(t.OwnerB, s => s.ExecuteAsync("Bpin2026", "Bpin2026"));
            }
            ResultAssert.Ok(setB);
            var verify = await t.AsOwnerA<WillingnessVerifier, Result>(v => v.VerifyAsync(new PinProof("Bpin2026")));
            Assert.Contains(verify.Error?.Code, new[] { Errors.SigningPinWrong, Errors.SigningPinNotSet });
        }),
    ];

    private sealed class AlwaysAvailable : IDocumentSigner
    {
        public bool IsAvailable => true;

        public long MaxBytes => 1;

        public Result<int> Inspect(byte[] pdf) => 1;

        public Result<IReadOnlyList<KeywordHit>> FindKeyword(byte[] pdf, string keyword) => Result<IReadOnlyList<KeywordHit>>.Ok([]);

        public Task<Result<SignedPdf>> SignAsync(DocumentSignRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("isolation cases never sign");
    }
}
