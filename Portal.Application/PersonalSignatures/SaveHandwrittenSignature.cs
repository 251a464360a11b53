using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Seals;

namespace Portal.Application.PersonalSignatures;

/// <summary>
/// 手写签名: a signature drawn on the canvas (PNG) or an uploaded photo of one (PNG/JPEG, ≤ 2 MB). The background is removed
/// and the image cropped to the strokes (the scanned-seal clean-up with dark ink), then stored as a transparent PNG.
/// </summary>
public sealed class SaveHandwrittenSignature(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, ISealFaceRenderer faces,
    IFileStore files, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<PersonalSignatureView>> ExecuteAsync(string name, byte[] image, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<PersonalSignatureView>.Fail(Errors.NotSignedIn);
        }
        if (PersonalSignatureRules.CheckName(name) is { } badName)
        {
            return badName;
        }
        if (PersonalSignatureRules.CheckImage(image) is { } badImage)
        {
            return badImage;
        }
        var png = faces.CleanSignature(image);
        if (png is null)
        {
            return Result<PersonalSignatureView>.Fail(Errors.SignatureImageEmpty);
        }
        var (w, h) = PersonalSignatureRules.PngSize(png);
        var width = PersonalSignatureRules.HandwrittenWidthMm;
        var design = new SealFaceDesign { Shape = SealFaceShape.Rectangle, WidthMm = width, HeightMm = Math.Round(width * h / w, 2), Star = false };

        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        if (await PersonalSignatureRules.Live(db, userId).CountAsync(cancellationToken) >= PersonalSignatureRules.MaxSignatures)
        {
            return Result<PersonalSignatureView>.Fail(Errors.SignatureLimit, PersonalSignatureRules.MaxSignatures);
        }
        var key = await files.SaveAsync(new MemoryStream(png), "signature.png", cancellationToken);
        try
        {
            var signature = new PersonalSignature
            {
                Id = Guid.NewGuid(),
                OwnerUserId = userId,
                Kind = PersonalSignatureKind.Handwritten,
                Name = name.Trim(),
                FaceSpecJson = design.ToJson(),
                ImageFile = key,
                IsDefault = await PersonalSignatureRules.IsFirstAsync(db, userId, cancellationToken),
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            db.PersonalSignatures.Add(signature);
            await audit.AppendAsync(db, "signature.personal.handwritten", signature.Id.ToString(), AuditOutcome.Success,
                $"{signature.Name} {w}x{h}px", cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return PersonalSignatureRules.View(signature);
        }
        catch
        {
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }
    }
}
