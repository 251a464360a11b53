using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Seals;

namespace Portal.Application.PersonalSignatures;

/// <summary>
/// 手写签名: a signature drawn on the canvas (PNG) or an uploaded photo of one (PNG/JPEG, ≤ 2 MB). The background is removed
/// and the image cropped to the strokes (the scanned-seal clean-up with dark ink), then stored as a transparent PNG.
/// </summary>
public sealed class SaveHandwrittenSignature(WriteUnit unit, ISealFaceRenderer faces, IFileStore files)
{
    private sealed record Stored(string Key, int Width, int Height, SealFaceDesign Design);

    public Task<Result<PersonalSignatureView>> ExecuteAsync(string name, byte[] image, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsUser(),
            async () =>
            {
                if (PersonalSignatureRules.CheckName(name) is { } badName)
                {
                    return badName;
                }
                if (PersonalSignatureRules.CheckImage(image) is { } badImage)
                {
                    return badImage;
                }
                // The image is cleaned and stored before the lock; one too large to decode is refused from its header.
                if (faces.CheckImage(image) is { } tooLarge)
                {
                    return tooLarge;
                }
                var png = faces.CleanSignature(image);
                if (png is null)
                {
                    return Result<Stored>.Fail(Errors.SignatureImageEmpty);
                }
                var (widthPx, heightPx) = PersonalSignatureRules.PngSize(png);
                var width = PersonalSignatureRules.HandwrittenWidthMm;
                var design = new SealFaceDesign { Shape = SealFaceShape.Rectangle, WidthMm = width, HeightMm = Math.Round(width * heightPx / widthPx, 2), Star = false };
                var key = await files.SaveAsync(new MemoryStream(png), "signature.png", cancellationToken);
                return new Stored(key, widthPx, heightPx, design);
            },
            async (w, stored) =>
            {
                w.IfNotCommitted(() => files.DeleteAsync(stored.Key, CancellationToken.None));
                var userId = w.UserId!.Value;
                if (await PersonalSignatureRules.Live(w.Db, userId).CountAsync(cancellationToken) >= PersonalSignatureRules.MaxSignatures)
                {
                    return Result<PersonalSignatureView>.Fail(Errors.SignatureLimit, PersonalSignatureRules.MaxSignatures);
                }
                var signature = new PersonalSignature
                {
                    Id = Guid.NewGuid(),
                    OwnerUserId = userId,
                    Kind = PersonalSignatureKind.Handwritten,
                    Name = name.Trim(),
                    FaceSpecJson = stored.Design.ToJson(),
                    ImageFile = stored.Key,
                    IsDefault = await PersonalSignatureRules.IsFirstAsync(w.Db, userId, cancellationToken),
                    CreatedAtUtc = w.Now,
                };
                w.Db.PersonalSignatures.Add(signature);
                w.Audit(AuditActions.SignaturePersonalHandwritten, signature.Id.ToString(), $"{signature.Name} {stored.Width}x{stored.Height}px");
                return Result<PersonalSignatureView>.Ok(PersonalSignatureRules.View(signature));
            }, cancellationToken);
}
