using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>The live preview while designing a seal (nothing is stored); also the standard template of a type.</summary>
public sealed class PreviewSealFace(IPortalDbContextFactory dbFactory, Access access, ISealFaceRenderer faces)
{
    public async Task<Result<SealFaceDesign>> TemplateAsync(SealType type, string? centerText = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Member, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == me.Value!.OrganizationId, cancellationToken);
        return SealFaces.Template(type, org.Name, org.LegalRepresentativeName, centerText);
    }

    public Result<byte[]> Render(SealFaceDesign design) =>
        SealMaking.CheckDesign(design) is { } bad ? bad : faces.RenderPng(design);
}
