using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.PersonalSignatures;
using Portal.Application.Seals;
using Portal.Application.Signing;
using Portal.Application.SigningPins;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;
using SkiaSharp;

namespace Portal.Tests.Application.PersonalSignatures;

/// <summary>我的签名 on the real SQLite database with the demo seed (王强 is real-name verified by the seed, 赵敏 is not).</summary>
public class PersonalSignatureTests
{
    /// <summary>Dark strokes on off-white paper (a photographed signature), or on a transparent canvas.</summary>
    internal static byte[] Strokes(bool transparent = false, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(600, 200, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(transparent ? SKColors.Transparent : new SKColor(245, 243, 240));
        using var ink = new SKPaint { Color = new SKColor(20, 20, 60), Style = SKPaintStyle.Stroke, StrokeWidth = 6, IsAntialias = true };
        canvas.DrawLine(100, 150, 250, 50, ink);
        canvas.DrawLine(250, 50, 400, 140, ink);
        canvas.DrawLine(400, 140, 500, 60, ink);
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static byte[] Blank()
    {
        using var bitmap = new SKBitmap(300, 100);
        bitmap.Erase(SKColors.White);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static Task<Result<PersonalSignatureView>> MakeNameSealAsync(TestDatabase db, Guid user) =>
        db.RunAsync<MakeNameSeal, Result<PersonalSignatureView>>(user, s => s.ExecuteAsync());

    private static Task<Result<PersonalSignatureView>> SaveAsync(TestDatabase db, Guid user, byte[] image, string name = "我的签名") =>
        db.RunAsync<SaveHandwrittenSignature, Result<PersonalSignatureView>>(user, s => s.ExecuteAsync(name, image));

    private static async Task<IReadOnlyList<PersonalSignatureView>> ListAsync(TestDatabase db, Guid user) =>
        (await db.RunAsync<ListMySignatures, Result<IReadOnlyList<PersonalSignatureView>>>(user, s => s.ExecuteAsync())).Value!;

    private static async Task<List<AuditEvent>> AuditAsync(TestDatabase db, string action)
    {
        await using var ctx = db.Db();
        return await ctx.AuditEvents.Where(e => e.Action == action).OrderBy(e => e.Sequence).ToListAsync();
    }

    [Fact]
    public async Task A_name_seal_is_refused_without_real_name_verification_and_made_from_the_verified_name()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var zhao = await db.UserIdAsync(Demo.EnterpriseMember2);
        var refused = await MakeNameSealAsync(db, zhao);
        ResultAssert.Refused(Errors.SignatureRealNameRequired, refused);
        Assert.Empty(await ListAsync(db, zhao));
        Assert.Equal(Errors.SignatureRealNameRequired,
            (await db.RunAsync<MakeNameSeal, Result<SealFaceDesign>>(zhao, s => s.PreviewAsync())).Error?.Code);

        var wang = await db.UserIdAsync(Demo.EnterpriseMember);
        var preview = await db.RunAsync<MakeNameSeal, Result<SealFaceDesign>>(wang, s => s.PreviewAsync());
        Assert.Equal(("王强", SealFaceShape.Rectangle), (preview.Value!.CenterText, preview.Value.Shape));
        var made = await MakeNameSealAsync(db, wang);
        ResultAssert.Ok(made);
        Assert.Equal((PersonalSignatureKind.NameSeal, "王强", true), (made.Value!.Kind, made.Value.Name, made.Value.IsDefault));
        Assert.Equal((15.0, 8.0), (made.Value.WidthMm, made.Value.HeightMm));
        Assert.Equal(Errors.NameSealExists, (await MakeNameSealAsync(db, wang)).Error?.Code);

        var image = await db.RunAsync<ListMySignatures, Result<byte[]>>(wang, s => s.ImageAsync(made.Value.Id));
        using var bitmap = SKBitmap.Decode(image.Value!);
        Assert.True(bitmap.Width > bitmap.Height, "a name seal is a landscape rectangle");

        var audit = await AuditAsync(db, AuditActions.SignaturePersonalNameSeal);
        Assert.Equal([AuditOutcome.Refused, AuditOutcome.Success, AuditOutcome.Refused], audit.Select(e => e.Outcome));
        Assert.Equal(zhao, audit[0].ActorUserId);
    }

    [Fact]
    public async Task A_handwritten_signature_must_be_a_png_or_jpeg_under_the_limit_with_strokes_and_is_stored_cleaned()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var zhao = await db.UserIdAsync(Demo.EnterpriseMember2); // real-name is not needed to keep a handwritten signature
        Assert.Equal(Errors.SignatureImageInvalid, (await SaveAsync(db, zhao, "%PDF-1.7 not an image"u8.ToArray())).Error?.Code);
        Assert.Equal(Errors.SignatureImageInvalid, (await SaveAsync(db, zhao, [])).Error?.Code);
        var huge = new byte[PersonalSignatureRules.MaxImageBytes + 1];
        Strokes().CopyTo(huge, 0);
        Assert.Equal(Errors.SignatureImageInvalid, (await SaveAsync(db, zhao, huge)).Error?.Code);
        Assert.Equal(Errors.SignatureImageEmpty, (await SaveAsync(db, zhao, Blank())).Error?.Code);
        Assert.Equal(Errors.ImageTooLarge, (await SaveAsync(db, zhao, Portal.Tests.Infrastructure.Signing.SkiaSealFaceRendererTests.Png(20_000, 20_000))).Error?.Code);
        Assert.Equal(Errors.SignatureNameInvalid, (await SaveAsync(db, zhao, Strokes(), "  ")).Error?.Code);
        Assert.Equal(Errors.SignatureNameInvalid, (await SaveAsync(db, zhao, Strokes(), new string('签', 41))).Error?.Code);
        Assert.Empty(await ListAsync(db, zhao));

        var photo = await SaveAsync(db, zhao, Strokes(format: SKEncodedImageFormat.Jpeg), "照片签名");
        ResultAssert.Ok(photo);
        var drawn = await SaveAsync(db, zhao, Strokes(transparent: true), "画板签名");
        ResultAssert.Ok(drawn);
        Assert.Equal(PersonalSignatureRules.HandwrittenWidthMm, drawn.Value!.WidthMm);
        Assert.InRange(drawn.Value.HeightMm, 8, 25); // cropped to the strokes: about 400 × 100 px

        foreach (var id in new[] { photo.Value!.Id, drawn.Value.Id })
        {
            var png = await db.RunAsync<ListMySignatures, Result<byte[]>>(zhao, s => s.ImageAsync(id));
            using var cleaned = SKBitmap.Decode(png.Value!);
            Assert.InRange(cleaned.Width, 400, 440);
            Assert.Equal(0, cleaned.GetPixel(2, 2).Alpha); // the paper (or canvas) became transparent
            Assert.Contains(Enumerable.Range(0, cleaned.Width), x => cleaned.GetPixel(x, cleaned.Height / 2).Alpha > 200);
        }
        Assert.Equal(2, (await AuditAsync(db, AuditActions.SignaturePersonalHandwritten)).Count);
    }

    [Fact]
    public async Task The_first_signature_is_the_default_and_deleting_the_default_passes_it_on()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var wang = await db.UserIdAsync(Demo.EnterpriseMember);
        var first = (await SaveAsync(db, wang, Strokes(), "一")).Value!;
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = (await SaveAsync(db, wang, Strokes(), "二")).Value!;
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var seal = (await MakeNameSealAsync(db, wang)).Value!;
        Assert.Equal(["一", "人名章:王强", "二"], (await ListAsync(db, wang)).Select(Label)); // default first, then newest
        Assert.Equal(first.Id, Assert.Single(await ListAsync(db, wang), s => s.IsDefault).Id);

        Assert.True((await db.RunAsync<SetDefaultSignature, Result>(wang, s => s.ExecuteAsync(second.Id))).Succeeded);
        Assert.Equal(second.Id, (await ListAsync(db, wang))[0].Id);
        Assert.True((await db.RunAsync<DeleteSignature, Result>(wang, s => s.ExecuteAsync(second.Id))).Succeeded);
        var left = await ListAsync(db, wang);
        Assert.Equal([seal.Id, first.Id], left.Select(s => s.Id));
        Assert.True(left[0].IsDefault); // the newest remaining one
        Assert.Single(left, s => s.IsDefault);

        Assert.Equal(Errors.SignatureNotFound, (await db.RunAsync<DeleteSignature, Result>(wang, s => s.ExecuteAsync(second.Id))).Error?.Code);
        Assert.Equal(Errors.SignatureNotFound, (await db.RunAsync<SetDefaultSignature, Result>(wang, s => s.ExecuteAsync(second.Id))).Error?.Code);
        Assert.Equal(Errors.SignatureNotFound, (await db.RunAsync<ListMySignatures, Result<byte[]>>(wang, s => s.ImageAsync(second.Id))).Error?.Code);
        // Soft delete: the row stays for the records.
        await using var ctx = db.Db(null, wang);
        Assert.NotNull((await ctx.PersonalSignatures.SingleAsync(s => s.Id == second.Id)).DeletedAtUtc);
        Assert.Single(await AuditAsync(db, AuditActions.SignaturePersonalDelete));
        Assert.Single(await AuditAsync(db, AuditActions.SignaturePersonalDefault));

        static string Label(PersonalSignatureView s) => s.Kind == PersonalSignatureKind.NameSeal ? "人名章:" + s.Name : s.Name;
    }

    [Fact]
    public async Task Signing_with_a_personal_signature_needs_real_name_and_a_live_own_signature_before_anything_is_issued()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var zhao = await db.UserIdAsync(Demo.EnterpriseMember2);
        var wang = await db.UserIdAsync(Demo.EnterpriseMember);
        var pin = await db.RunAsync<SetSigningPin, Result>(zhao, s => s.ExecuteAsync("Pin2026", "Pin2026"));
        Assert.True(pin.Succeeded || pin.Error?.Code == Errors.SigningPinAlreadySet);
        var zhaoSignature = (await SaveAsync(db, zhao, Strokes())).Value!;
        var wangSignature = (await SaveAsync(db, wang, Strokes())).Value!;
        var stamps = new[] { new StampSpec(StampKind.Single, 1, 200, 200) };

        Task<Result<SignedDocument>> Sign(Guid user, Guid signature, string pinText = "Pin2026") =>
            db.RunAsync<SignWithSeal, Result<SignedDocument>>(user, s => s.ExecuteAsync(
                SignWithSealCommand.Personal(signature, "个人合同.pdf", TestPdfs.Make(1), stamps, new PinProof(pinText))));

        Assert.Equal(Errors.SigningPinWrong, (await Sign(zhao, zhaoSignature.Id, "Wrong999")).Error?.Code);
        Assert.Equal(Errors.SignatureRealNameRequired, (await Sign(zhao, zhaoSignature.Id)).Error?.Code);
        // Another person's signature is not found, and no certificate is issued for the attempt.
        Assert.Equal(Errors.SignatureNotFound, (await Sign(zhao, wangSignature.Id)).Error?.Code);
        await using var ctx = db.Db();
        Assert.False(await ctx.PersonalCertificates.IgnoreQueryFilters().AnyAsync());
        Assert.False(await ctx.CertificateOperations.IgnoreQueryFilters().AnyAsync(o => o.Kind == CertificateOperationKind.Sign));
        Assert.Equal(2, await ctx.AuditEvents.CountAsync(e => e.Action == AuditActions.SignaturePersonalUse && e.Outcome == AuditOutcome.Refused));
    }
}
