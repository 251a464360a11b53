using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

public sealed record RealNameReviewRow(Guid Id, Guid UserId, string Phone, string Name, string DocumentNumber, string? IdPhotoFile,
    DateTime CreatedAtUtc);

/// <summary>The platform admins' queue of non-mainland real-name reviews, oldest first.</summary>
public sealed class ListRealNameReviews(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<RealNameReviewRow>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed.Error!;
        }
        await using var db = dbFactory.CreateForScope(null, null);
        // Personal data of every user: the platform role is the scope here, so the personal filter is lifted on purpose.
        var rows = await (from v in db.RealNameVerifications.IgnoreQueryFilters()
                          join u in db.Users on v.OwnerUserId equals u.Id
                          where v.Channel == RealNameChannel.ManualReview && v.Status == RealNameStatus.Pending
                          orderby v.CreatedAtUtc
                          select new RealNameReviewRow(v.Id, u.Id, u.UserName ?? "", v.Name, v.IdNumber, v.IdPhotoFile, v.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        return rows;
    }
}
