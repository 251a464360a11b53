using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Application.Policies;
using Portal.Application.Seals;
using Portal.Application.Todos;
using Portal.Tests.Support;
using SkiaSharp;

namespace Portal.Tests.Application.Authorization;

/// <summary>Seals, grants, grant requests and policies: A's owner reaches nothing of B's.</summary>
public static class SealIsolationCases
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static byte[] RedStampPng()
    {
        using var bitmap = new SKBitmap(200, 200);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var paint = new SKPaint { Color = new SKColor(210, 20, 30), Style = SKPaintStyle.Stroke, StrokeWidth = 8, IsAntialias = true };
        canvas.DrawCircle(100, 100, 70, paint);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static readonly IReadOnlyList<IsolationCase> All =
    [
        new("ListSeals and ListSealVoidRecords show nothing of B", async t =>
        {
            var seals = await t.AsOwnerA<ListSeals, Result<IReadOnlyList<SealRow>>>(s => s.ExecuteAsync());
            Assert.NotEmpty(seals.Value!);
            Assert.DoesNotContain(seals.Value!, x => x.Id == t.SealInB || x.DepartmentId == t.DepartmentInB);
            var records = await t.AsOwnerA<ListSealVoidRecords, Result<IReadOnlyList<SealVoidRecord>>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(records.Value!, r => r.OrganizationId == t.OrgB);
        }),
        new("GetSealFace cannot render B's seal", async t =>
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<GetSealFace, Result<byte[]>>(s => s.ExecuteAsync(t.SealInB))).Error?.Code)),
        new("MakeSeal and MakeScannedSeal cannot use B's department", async t =>
        {
            Assert.Equal(Errors.DepartmentNotFound,
                (await t.AsOwnerA<MakeSeal, Result<Guid>>(s => s.ExecuteAsync(SealType.Official, "越界章", t.DepartmentInB, null))).Error?.Code);
            Assert.Equal(Errors.DepartmentNotFound, (await t.AsOwnerA<MakeScannedSeal, Result<Guid>>(
                s => s.ExecuteAsync(SealType.Official, "越界章", t.DepartmentInB, new UploadedFile("s.png", RedStampPng()), 40))).Error?.Code);
        }),
        new("PreviewSealFace templates carry A's name only", async t =>
        {
            var design = await t.AsOwnerA<PreviewSealFace, Result<SealFaceDesign>>(s => s.TemplateAsync(SealType.Official));
            Assert.Equal("示例科技有限公司", design.Value!.ArcText);
        }),
        new("VoidSeal cannot void B's seal", async t =>
        {
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<VoidSeal, Result>(s => s.ExecuteAsync(t.SealInB, "越界"))).Error?.Code);
            await t.AssertBUnchangedAsync();
        }),
        new("GrantSeal cannot grant B's seal nor grant to B's member or department", async t =>
        {
            var zhouInB = await t.Db.UserIdAsync(Demo.CsMember);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<GrantSeal, Result<Guid>>(
                s => s.ExecuteAsync(new GrantInput(t.SealInB, t.OwnerA, null, Today, Today)))).Error?.Code);
            Assert.Equal(Errors.NotAMember, (await t.AsOwnerA<GrantSeal, Result<Guid>>(
                s => s.ExecuteAsync(new GrantInput(t.SealInA, zhouInB, null, Today, Today)))).Error?.Code);
            Assert.Equal(Errors.DepartmentNotFound, (await t.AsOwnerA<GrantSeal, Result<Guid>>(
                s => s.ExecuteAsync(new GrantInput(t.SealInA, null, t.DepartmentInB, Today, Today)))).Error?.Code);
            await t.AssertBUnchangedAsync();
        }),
        new("RevokeGrant cannot revoke B's grant and ListGrants shows none", async t =>
        {
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<RevokeGrant, Result>(s => s.ExecuteAsync(t.GrantInB, "越界"))).Error?.Code);
            var grants = await t.AsOwnerA<ListGrants, Result<IReadOnlyList<GrantRow>>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(grants.Value!, g => g.Id == t.GrantInB || g.SealId == t.SealInB);
            await t.AssertBUnchangedAsync();
        }),
        new("ApplyForGrant cannot ask for B's seal", async t =>
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<ApplyForGrant, Result<Guid>>(s => s.ExecuteAsync(t.SealInB, Today, Today, "越界"))).Error?.Code)),
        new("DecideGrantRequest and WithdrawGrantRequest cannot reach B's request", async t =>
        {
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<DecideGrantRequest, Result>(s => s.ExecuteAsync(t.GrantRequestInB, true, null))).Error?.Code);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<WithdrawGrantRequest, Result>(s => s.ExecuteAsync(t.GrantRequestInB))).Error?.Code);
            await t.AssertBUnchangedAsync();
        }),
        new("ListGrantRequests and the to-do list show none of B's requests", async t =>
        {
            var toDecide = await t.AsOwnerA<ListGrantRequests, Result<IReadOnlyList<GrantRequestRow>>>(s => s.ToDecideAsync());
            var mine = await t.AsOwnerA<ListGrantRequests, Result<IReadOnlyList<GrantRequestRow>>>(s => s.MineAsync());
            Assert.DoesNotContain(toDecide.Value!.Concat(mine.Value!), r => r.Id == t.GrantRequestInB);
            var todos = await t.AsOwnerA<ListTodos, Result<IReadOnlyList<TodoRow>>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(todos.Value!, x => x.Id == t.GrantRequestInB);
        }),
        new("GetSealPolicy and UpdateSealPolicy stay in A", async t =>
        {
            var model = (await t.AsOwnerA<GetSealPolicy, Result<SealPolicyModel>>(s => s.ExecuteAsync())).Value!;
            Assert.DoesNotContain(model.Rules, r => r.SealId == t.SealInB);
            var withB = model.Rules.Append(model.Rules[0] with { SealId = t.SealInB }).ToList();
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<UpdateSealPolicy, Result>(
                s => s.ExecuteAsync(VoidingBehaviour.StopAtVoiding, withB, model.ConcurrencyStamp))).Error?.Code);
            await using var ctx = t.Db.Db(t.OrgB);
            Assert.False(await ctx.SealPolicyRules.AnyAsync(r => r.SealId == t.SealInB));
        }),
        new("Legal-representative consent acts in A only", async t =>
        {
            Assert.Equal(Errors.NotLegalRepresentative, (await t.AsOwnerA<GiveLegalRepresentativeConsent, Result>(s => s.ExecuteAsync())).Error?.Code);
            var state = await t.AsOwnerA<GetLegalRepresentativeConsent, Result<LegalRepresentativeConsentState>>(s => s.ExecuteAsync());
            Assert.False(state.Value!.IsLegalRepresentative);
        }),
        new("The scanned-seal review queue is platform-only", async t =>
        {
            Assert.Equal(Errors.Forbidden, (await t.AsOwnerA<ListSealReviews, Result<IReadOnlyList<SealReviewRow>>>(s => s.ExecuteAsync())).Error?.Code);
            Assert.Equal(Errors.Forbidden, (await t.AsOwnerA<ReviewScannedSeal, Result>(s => s.ExecuteAsync(t.SealInB, false, "x"))).Error?.Code);
        }),
        new("A context in A's space sees no seal rows of B", async t =>
        {
            await using var ctx = t.Db.Db(t.OrgA);
            Assert.False(await ctx.Seals.AnyAsync(s => s.OrganizationId == t.OrgB));
            Assert.False(await ctx.SealGrants.AnyAsync(s => s.OrganizationId == t.OrgB));
            Assert.False(await ctx.SealGrantRequests.AnyAsync(s => s.OrganizationId == t.OrgB));
            Assert.False(await ctx.SealGrantRequestSteps.AnyAsync(s => s.OrganizationId == t.OrgB));
            Assert.False(await ctx.SealPolicies.AnyAsync(s => s.OrganizationId == t.OrgB));
            Assert.False(await ctx.SealPolicyRules.AnyAsync(s => s.OrganizationId == t.OrgB));
            Assert.False(await ctx.SealVoidRecords.AnyAsync(s => s.OrganizationId == t.OrgB));
            Assert.False(await ctx.LegalRepresentativeSealConsents.AnyAsync(s => s.OrganizationId == t.OrgB));
        }),
    ];
}
