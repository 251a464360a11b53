using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Seals;

/// <summary>
/// 扫描单位印章: a photo of the stamp on white paper becomes a transparent, cropped, seal-red PNG; the seal waits for a platform
/// admin's review before anyone can use or grant it.
/// </summary>
public sealed class MakeScannedSeal(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, ISealKeys keys,
    ISealFaceRenderer faces, IFileStore files, TimeProvider clock)
{
    public async Task<Result<Guid>> ExecuteAsync(SealType type, string name, Guid? departmentId, UploadedFile photo, double widthMm,
        CancellationToken cancellationToken = default)
    {
        if (Uploads.Check(photo.FileName, photo.Content.Length) is { } bad)
        {
            return bad;
        }
        if (Path.GetExtension(photo.FileName).Equals(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            return Result<Guid>.Fail(Errors.FileTypeNotAllowed);
        }
        if (widthMm is < 10 or > 80)
        {
            return Result<Guid>.Fail(Errors.SealFaceInvalid);
        }
        var png = faces.CleanScan(photo.Content);
        if (png is null)
        {
            return Result<Guid>.Fail(Errors.SealScanUnreadable);
        }
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var ready = await SealMaking.CheckAsync(db, access, keys, type, name, departmentId, cancellationToken);
        if (!ready.Succeeded)
        {
            return ready.Error!;
        }
        var (me, org, consentUserId) = ready.Value;
        var key = await files.SaveAsync(new MemoryStream(png), "seal.png", cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await SealPolicies.EnsureAsync(db, org.Id, now, cancellationToken);
        var design = new SealFaceDesign { WidthMm = widthMm, HeightMm = widthMm, CenterText = name.Trim() };
        var seal = await SealLifecycle.CreateAsync(db, keys, org,
            new SealLifecycle.NewSeal(type, name, departmentId, SealFaceSource.Scanned, design.ToJson(), key, SealStatus.PendingReview, consentUserId),
            me.UserId, now, cancellationToken);
        await audit.AppendAsync(db, "seal.scan", seal.Id.ToString(), AuditOutcome.Success, $"{type} {seal.Name}", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return seal.Id;
    }
}
