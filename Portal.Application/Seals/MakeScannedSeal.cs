using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Seals;

/// <summary>
/// 扫描单位印章: a photo of the stamp on white paper becomes a transparent, cropped, seal-red PNG; the seal waits for a platform
/// admin's review before anyone can use or grant it.
/// </summary>
public sealed class MakeScannedSeal(WriteUnit unit, ISealKeys keys, ISealFaceRenderer faces, IFileStore files)
{
    public async Task<Result<Guid>> ExecuteAsync(SealType type, string name, Guid? departmentId, UploadedFile photo, double widthMm,
        CancellationToken cancellationToken = default)
    {
        PregeneratedSealKey? sealKey = null;
        var result = await unit.RunAsync(Write.InSpace(),
            async () =>
            {
                // The input is judged after the caller (an anonymous caller learns nothing from a validation message).
                if (Uploads.Check(photo.FileName, photo.Content.Length) is { } bad)
                {
                    return bad;
                }
                if (Path.GetExtension(photo.FileName).Equals(".pdf", StringComparison.OrdinalIgnoreCase))
                {
                    return Result<string>.Fail(Errors.FileTypeNotAllowed);
                }
                if (widthMm is < 10 or > 80)
                {
                    return Result<string>.Fail(Errors.SealFaceInvalid);
                }
                // The photo is decoded, the clean face stored and the key generated before the lock; a photo too large to decode is
                // refused from its header.
                if (faces.CheckImage(photo.Content) is { } tooLarge)
                {
                    return tooLarge;
                }
                var png = faces.CleanScan(photo.Content);
                if (png is null)
                {
                    return Result<string>.Fail(Errors.SealScanUnreadable);
                }
                sealKey = (await PregeneratedSealKey.GenerateAsync(keys, cancellationToken)).Value;
                return Result<string>.Ok(await files.SaveAsync(new MemoryStream(png), "seal.png", cancellationToken));
            },
            async (w, key) =>
            {
                w.IfNotCommitted(() => files.DeleteAsync(key));
                var ready = await SealMaking.CheckAsync(w.Db, w.Me!, keys, type, name, departmentId, cancellationToken);
                if (!ready.Succeeded)
                {
                    return ready.Error!;
                }
                var (org, consentUserId) = ready.Value;
                await SealPolicies.EnsureAsync(w.Db, org.Id, w.Now, cancellationToken);
                var design = new SealFaceDesign { WidthMm = widthMm, HeightMm = widthMm, CenterText = name.Trim() };
                var seal = await SealLifecycle.CreateAsync(w.Db, keys, org,
                    new SealLifecycle.NewSeal(type, name, departmentId, SealFaceSource.Scanned, design.ToJson(), key, SealStatus.PendingReview,
                        consentUserId),
                    w.Me!.UserId, w.Now, cancellationToken, sealKey!.Take());
                w.Audit(AuditActions.SealScan, seal.Id.ToString(), $"{type} {seal.Name}");
                return Result<Guid>.Ok(seal.Id);
            }, cancellationToken);
        return await PregeneratedSealKey.SettleAsync(sealKey, result, result.Succeeded);
    }
}
