using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>The live preview while designing a seal (nothing is stored); also the standard template of a type.</summary>
public sealed class PreviewSealFace(WriteUnit unit, ISealFaceRenderer faces)
{
    public Task<Result<SealFaceDesign>> TemplateAsync(SealType type, string? centerText = null, CancellationToken cancellationToken = default) =>
        unit.ReadAsync<SealFaceDesign>(Write.InSpace(), async read =>
        {
            var org = await read.Db.Organizations.AsNoTracking().FirstAsync(o => o.Id == read.Me!.OrganizationId, cancellationToken);
            return SealFaces.Template(type, org.Name, org.LegalRepresentativeName, centerText);
        }, cancellationToken);

    public Result<byte[]> Render(SealFaceDesign design) =>
        SealMaking.CheckDesign(design) is { } bad ? bad : faces.RenderPng(design);
}
