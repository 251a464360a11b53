using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Seals;

namespace Portal.Application.PersonalSignatures;

/// <summary>我的签名: the signed-in user's live signatures (default first, then newest) and each one's image.</summary>
public sealed class ListMySignatures(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, ISealFaceRenderer faces, IFileStore files)
{
    public async Task<Result<IReadOnlyList<PersonalSignatureView>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<IReadOnlyList<PersonalSignatureView>>.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        var list = await PersonalSignatureRules.Live(db, userId).AsNoTracking()
            .OrderByDescending(s => s.IsDefault).ThenByDescending(s => s.CreatedAtUtc).ToListAsync(cancellationToken);
        return list.Select(PersonalSignatureRules.View).ToList();
    }

    /// <summary>The PNG of one of the user's own live signatures (a name seal is drawn from its face).</summary>
    public async Task<Result<byte[]>> ImageAsync(Guid signatureId, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<byte[]>.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        var signature = await PersonalSignatureRules.Live(db, userId).AsNoTracking().FirstOrDefaultAsync(s => s.Id == signatureId, cancellationToken);
        if (signature is null)
        {
            return Result<byte[]>.Fail(Errors.SignatureNotFound);
        }
        if (signature.ImageFile is { } key)
        {
            var png = await PersonalSignatureRules.ImageAsync(key, files, cancellationToken);
            return png is null ? Result<byte[]>.Fail(Errors.SignatureNotFound) : png;
        }
        var design = SealFaceDesign.FromJson(signature.FaceSpecJson);
        return design is null ? Result<byte[]>.Fail(Errors.SignatureNotFound) : faces.RenderPng(design);
    }
}
