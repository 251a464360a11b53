using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Seals;
using Portal.Application.Signing;

namespace Portal.Application.PersonalSignatures;

/// <summary>A personal signature as its owner sees it (the stamp size is what the signing page places).</summary>
public sealed record PersonalSignatureView(Guid Id, PersonalSignatureKind Kind, string Name, bool IsDefault, DateTime CreatedAtUtc,
    double WidthMm, double HeightMm);

/// <summary>Limits and shared steps of the personal-signature use cases and of personal signing.</summary>
public static class PersonalSignatureRules
{
    /// <summary>Largest signature image accepted (a canvas PNG is far smaller).</summary>
    public const int MaxImageBytes = 2 * 1024 * 1024;

    /// <summary>Live signatures one person may keep.</summary>
    public const int MaxSignatures = 10;

    /// <summary>Width a handwritten signature is stamped at; the height follows the image.</summary>
    public const double HandwrittenWidthMm = 40;

    public static PersonalSignatureView View(PersonalSignature s)
    {
        var design = SealFaceDesign.FromJson(s.FaceSpecJson);
        return new PersonalSignatureView(s.Id, s.Kind, s.Name, s.IsDefault, s.CreatedAtUtc, design?.WidthMm ?? HandwrittenWidthMm,
            design?.HeightMm ?? HandwrittenWidthMm / 2);
    }

    /// <summary>A PNG or JPEG (by its magic bytes, whatever the file name says) of at most <see cref="MaxImageBytes"/>.</summary>
    public static PortalError? CheckImage(byte[]? image) =>
        image is null || image.Length == 0 || image.Length > MaxImageBytes || !(IsPng(image) || IsJpeg(image))
            ? new PortalError(Errors.SignatureImageInvalid, MaxImageBytes / 1024 / 1024)
            : null;

    public static PortalError? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > PersonalSignature.MaxNameLength
            ? new PortalError(Errors.SignatureNameInvalid, PersonalSignature.MaxNameLength)
            : null;

    private static bool IsPng(byte[] b) => b.Length > 24 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47;

    private static bool IsJpeg(byte[] b) => b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;

    /// <summary>Pixel size of a PNG from its IHDR chunk (the cleaned images are always PNG).</summary>
    internal static (int Width, int Height) PngSize(byte[] png) =>
        ((png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19], (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);

    /// <summary>The live signatures of the context's user, default first, then newest.</summary>
    internal static IQueryable<PersonalSignature> Live(IPortalDbContext db, Guid userId) =>
        db.PersonalSignatures.Where(s => s.OwnerUserId == userId && s.DeletedAtUtc == null);

    /// <summary>The face the PDF engine stamps: the name seal's template, or the handwritten PNG at its stored width.</summary>
    public static async Task<Result<SealFace>> FaceAsync(PersonalSignature signature, IFileStore files, CancellationToken cancellationToken)
    {
        if (signature.Kind == PersonalSignatureKind.NameSeal || signature.ImageFile is null)
        {
            return new SealFace(signature.FaceSpecJson, null);
        }
        var png = await ImageAsync(signature.ImageFile, files, cancellationToken);
        return png is null ? Result<SealFace>.Fail(Errors.SignatureNotFound) : new SealFace(signature.FaceSpecJson, png);
    }

    internal static async Task<byte[]?> ImageAsync(string key, IFileStore files, CancellationToken cancellationToken)
    {
        await using var stream = await files.OpenAsync(key, cancellationToken);
        if (stream is null)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Makes the new signature the default when the user has no live default yet.</summary>
    internal static async Task<bool> IsFirstAsync(IPortalDbContext db, Guid userId, CancellationToken cancellationToken) =>
        !await Live(db, userId).AnyAsync(s => s.IsDefault, cancellationToken);
}
