using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Application.Seals;
using Portal.Tests.Support;
using SkiaSharp;
using static Portal.Tests.Support.ResultAssert;

namespace Portal.Tests.Application.Seals;

public class ScannedSealTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>A photo-like stamp: a red ring and text-ish strokes on off-white paper with a grey shadow, at (100,80)–(300,280).</summary>
    internal static byte[] StampPhoto()
    {
        using var bitmap = new SKBitmap(480, 400);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(246, 244, 238));
        using var shadow = new SKPaint { Color = new SKColor(150, 150, 150), Style = SKPaintStyle.Fill };
        canvas.DrawRect(360, 20, 100, 360, shadow);
        using var ink = new SKPaint { Color = new SKColor(200, 30, 40), Style = SKPaintStyle.Stroke, StrokeWidth = 10, IsAntialias = true };
        canvas.DrawCircle(200, 180, 95, ink);
        canvas.DrawLine(150, 180, 250, 180, ink);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public void Cleaning_a_scan_crops_to_the_ink_makes_the_paper_transparent_and_the_ink_seal_red()
    {
        var renderer = new Portal.Infrastructure.Signing.SkiaSealFaceRenderer();
        var png = renderer.CleanScan(StampPhoto());
        Assert.NotNull(png);
        using var cleaned = SKBitmap.Decode(png);
        // The ring is 200 px across (+ stroke and a small margin); the grey shadow is left out.
        Assert.InRange(cleaned.Width, 200, 230);
        Assert.InRange(cleaned.Height, 200, 230);
        Assert.Equal(0, cleaned.GetPixel(cleaned.Width / 2, cleaned.Height / 4).Alpha);
        Assert.Equal(0, cleaned.GetPixel(3, 3).Alpha);
        var ring = cleaned.GetPixel(cleaned.Width / 2, cleaned.Height / 2);
        Assert.Equal((0xE6, 0x00, 0x12), (ring.Red, ring.Green, ring.Blue));
        Assert.True(ring.Alpha > 200);

        using var blank = new SKBitmap(200, 200);
        blank.Erase(SKColors.White);
        using var blankPng = blank.Encode(SKEncodedImageFormat.Png, 100);
        Assert.Null(renderer.CleanScan(blankPng.ToArray()));
        Assert.Null(renderer.CleanScan([1, 2, 3]));
    }

    [Fact]
    public async Task A_scanned_seal_waits_for_the_platform_review_and_a_rejection_revokes_its_certificate()
    {
        await using var kit = await SealTestKit.CreateAsync();
        Refused(Errors.SealScanUnreadable, await kit.Run<MakeScannedSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(SealType.Finance, "财务专用章", null, new UploadedFile("blank.png", [1, 2, 3]), 38)));
        Refused(Errors.ImageTooLarge, await kit.Run<MakeScannedSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(SealType.Finance, "财务专用章", null,
                new UploadedFile("huge.png", Portal.Tests.Infrastructure.Signing.SkiaSealFaceRendererTests.Png(20_000, 20_000)), 38)));
        Refused(Errors.FileTypeNotAllowed, await kit.Run<MakeScannedSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(SealType.Finance, "财务专用章", null, new UploadedFile("x.pdf", StampPhoto()), 38)));
        var id = Ok(await kit.Run<MakeScannedSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(SealType.Finance, "财务专用章", null, new UploadedFile("stamp.png", StampPhoto()), 38)));
        Assert.Equal(SealStatus.PendingReview, (await kit.SealAsync(kit.Enterprise, s => s.Id == id)).Status);
        var zhao = await kit.User(Demo.EnterpriseMember2);
        Refused(Errors.SealNotActive, await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(new GrantInput(id, zhao, null, Today, Today))));
        var face = Ok(await kit.Run<GetSealFace, Result<byte[]>>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(id)));
        Assert.NotNull(SKBitmap.Decode(face));

        var admin = await kit.User(Demo.PlatformAdmin);
        Refused(Errors.Forbidden, await kit.Run<ReviewScannedSeal, Result>(Demo.EnterpriseOwner, s => s.ExecuteAsync(id, true, null)));
        await using (var scope = kit.Db.As(admin, PlatformRoles.PlatformAdmin))
        {
            var queue = Ok(await scope.ServiceProvider.GetRequiredService<ListSealReviews>().ExecuteAsync());
            Assert.Equal(("示例科技有限公司", "财务专用章"), (queue.Single().OrganizationName, queue.Single().SealName));
            Assert.NotEmpty(Ok(await scope.ServiceProvider.GetRequiredService<ListSealReviews>().ImageAsync(id)));
            var review = scope.ServiceProvider.GetRequiredService<ReviewScannedSeal>();
            Refused(Errors.ReasonRequired, await review.ExecuteAsync(id, false, " "));
            Ok(await review.ExecuteAsync(id, false, "印迹不清晰，请重新拍摄"));
            Refused(Errors.NotFound, await review.ExecuteAsync(id, true, null));
        }
        var rejected = await kit.SealAsync(kit.Enterprise, s => s.Id == id);
        Assert.Equal((SealStatus.Rejected, "印迹不清晰，请重新拍摄"), (rejected.Status, rejected.ReviewNote));
        Assert.NotNull(rejected.CertificateRevokedAtUtc);
        Assert.Contains(kit.Keys.Revoked, r => r.Serial == rejected.CertificateSerial && r.Reason == SealCertificateRevocation.Rejected);

        var second = Ok(await kit.Run<MakeScannedSeal, Result<Guid>>(Demo.EnterpriseSealAdmin,
            s => s.ExecuteAsync(SealType.Finance, "财务专用章", null, new UploadedFile("stamp.jpg", StampPhoto()), 38)));
        await using (var scope = kit.Db.As(admin, PlatformRoles.PlatformAdmin))
        {
            Ok(await scope.ServiceProvider.GetRequiredService<ReviewScannedSeal>().ExecuteAsync(second, true, null));
        }
        Assert.Equal(SealStatus.Active, (await kit.SealAsync(kit.Enterprise, s => s.Id == second)).Status);
        Ok(await kit.Run<GrantSeal, Result<Guid>>(Demo.EnterpriseSealAdmin, s => s.ExecuteAsync(new GrantInput(second, zhao, null, Today, Today))));
    }
}
