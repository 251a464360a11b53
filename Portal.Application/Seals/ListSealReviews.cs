using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>A scanned seal waiting for the platform's review.</summary>
public sealed record SealReviewRow(Guid SealId, Guid OrganizationId, string OrganizationName, string SealName, SealType Type, DateTime CreatedAtUtc);

/// <summary>The platform admins' queue of scanned seals (across tenants, read-only).</summary>
public sealed class ListSealReviews(IPortalDbContextFactory dbFactory, Access access, ICurrentUser currentUser, IFileStore files)
{
    /// <summary>The cleaned scan of a seal waiting for review (platform admins only).</summary>
    public async Task<Result<byte[]>> ImageAsync(Guid sealId, CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed.Error!;
        }
        await using var db = dbFactory.CreateForScope(null, currentUser.UserId);
        var key = await db.Seals.IgnoreQueryFilters().Where(s => s.Id == sealId && s.Status == SealStatus.PendingReview)
            .Select(s => s.ImageFile).FirstOrDefaultAsync(cancellationToken);
        await using var stream = key is null ? null : await files.OpenAsync(key, cancellationToken);
        if (stream is null)
        {
            return Result<byte[]>.Fail(Errors.NotFound);
        }
        using var ms = new MemoryStream();
        await stream.CopyToAsync(ms, cancellationToken);
        return ms.ToArray();
    }

    public async Task<Result<IReadOnlyList<SealReviewRow>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed.Error!;
        }
        await using var db = dbFactory.CreateForScope(null, currentUser.UserId);
        // A platform view across tenants: the filters are lifted on purpose, and only pending seals are listed.
        var rows = await (from s in db.Seals.IgnoreQueryFilters().AsNoTracking()
                          join o in db.Organizations.AsNoTracking() on s.OrganizationId equals o.Id
                          where s.Status == SealStatus.PendingReview
                          orderby s.CreatedAtUtc
                          select new SealReviewRow(s.Id, o.Id, o.Name, s.Name, s.Type, s.CreatedAtUtc)).ToListAsync(cancellationToken);
        return rows;
    }
}
