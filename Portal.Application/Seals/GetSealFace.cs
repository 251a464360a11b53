using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>The face of a seal as PNG (rendered from its template, or the cleaned scan).</summary>
public sealed class GetSealFace(WriteUnit unit, ISealFaceRenderer faces, IFileStore files)
{
    public Task<Result<byte[]>> ExecuteAsync(Guid sealId, CancellationToken cancellationToken = default) =>
        unit.ReadAsync<byte[]>(Write.InSpace(), async read =>
        {
            var seal = await read.Db.Seals.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sealId, cancellationToken);
            if (seal is null)
            {
                return Result<byte[]>.Fail(Errors.NotFound);
            }
            if (seal.FaceSource == SealFaceSource.Scanned && seal.ImageFile is not null)
            {
                await using var stream = await files.OpenAsync(seal.ImageFile, cancellationToken);
                if (stream is null)
                {
                    return Result<byte[]>.Fail(Errors.NotFound);
                }
                using var ms = new MemoryStream();
                await stream.CopyToAsync(ms, cancellationToken);
                return ms.ToArray();
            }
            var design = SealFaceDesign.FromJson(seal.FaceSpecJson);
            return design is null ? Result<byte[]>.Fail(Errors.NotFound) : faces.RenderPng(design);
        }, cancellationToken);
}
