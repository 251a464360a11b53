using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

public sealed record SealRow(Guid Id, SealType Type, string Name, Guid? DepartmentId, string? DepartmentName, SealStatus Status,
    SealFaceSource FaceSource, DateTime CreatedAtUtc, DateTime? VoidedAtUtc, string? VoidReason, string? ReviewNote, int LiveGrants,
    string CertificateSerial, DateTime CertificateNotAfterUtc, DateTime? CertificateRevokedAtUtc);

public sealed record SealFilter(SealType? Type = null, Guid? DepartmentId = null, SealStatus? Status = null);

/// <summary>印章管理: the organization's seals, filtered by type, department and status.</summary>
public sealed class ListSeals(IPortalDbContextFactory dbFactory, Access access, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<SealRow>>> ExecuteAsync(SealFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new SealFilter();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Member, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var q = db.Seals.AsNoTracking().Where(s => s.Type != SealType.Name);
        if (filter.Type is { } t)
        {
            q = q.Where(s => s.Type == t);
        }
        if (filter.DepartmentId is { } d)
        {
            q = q.Where(s => s.DepartmentId == d);
        }
        if (filter.Status is { } st)
        {
            q = q.Where(s => s.Status == st);
        }
        var rows = await q.OrderBy(s => s.Status).ThenBy(s => s.Type).ThenBy(s => s.CreatedAtUtc)
            .Select(s => new SealRow(s.Id, s.Type, s.Name, s.DepartmentId,
                db.Departments.Where(x => x.Id == s.DepartmentId).Select(x => x.Name).FirstOrDefault(), s.Status, s.FaceSource, s.CreatedAtUtc,
                s.VoidedAtUtc, s.VoidReason, s.ReviewNote,
                db.SealGrants.Count(g => g.SealId == s.Id && g.Status == GrantStatus.Active && (g.EndUtc == null || g.EndUtc >= now)),
                s.CertificateSerial, s.CertificateNotAfterUtc, s.CertificateRevokedAtUtc))
            .ToListAsync(cancellationToken);
        return rows;
    }
}

/// <summary>作废记录 of the organization, newest first.</summary>
public sealed class ListSealVoidRecords(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<SealVoidRecord>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Member, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        return await db.SealVoidRecords.AsNoTracking().OrderByDescending(r => r.VoidedAtUtc).ToListAsync(cancellationToken);
    }
}

/// <summary>The face of a seal as PNG (rendered from its template, or the cleaned scan).</summary>
public sealed class GetSealFace(IPortalDbContextFactory dbFactory, Access access, ISealFaceRenderer faces, IFileStore files)
{
    public async Task<Result<byte[]>> ExecuteAsync(Guid sealId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Member, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var seal = await db.Seals.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sealId, cancellationToken);
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
    }
}

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
