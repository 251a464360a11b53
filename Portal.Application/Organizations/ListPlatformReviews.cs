using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

public sealed record PlatformReviewRow(Guid Id, Guid OrganizationId, string OrganizationName, string Uscc, PlatformReviewKind Kind,
    string RequestedByName, string RequestedByPhone, string? CurrentOwnerName, string LegalRepresentativeName,
    string? NewName, string? NewUscc, string? NewLegalRepresentativeName, string? NewLegalRepresentativeIdNumber,
    string Reason, string? ProofFile, DateTime CreatedAtUtc, IReadOnlyList<Consequence> Consequences);

/// <summary>
/// The platform admins' queue of organization requests (单位信息变更, 申请管理员), oldest first, each with the
/// consequences approval would have.
/// </summary>
public sealed class ListPlatformReviews(IPortalDbContextFactory dbFactory, Access access, ConsequencePreview preview)
{
    public async Task<Result<IReadOnlyList<PlatformReviewRow>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed.Error!;
        }
        List<PlatformReviewRequest> pending;
        await using (var all = dbFactory.CreateForScope(null, null))
        {
            // Every tenant's requests: the platform role is the scope of this queue.
            pending = await all.PlatformReviewRequests.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.Status == RequestStatus.Pending).OrderBy(r => r.CreatedAtUtc).Take(200).ToListAsync(cancellationToken);
        }
        var rows = new List<PlatformReviewRow>();
        foreach (var group in pending.GroupBy(r => r.OrganizationId))
        {
            await using var db = dbFactory.CreateForScope(group.Key, null);
            var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == group.Key, cancellationToken);
            var members = await db.Memberships.AsNoTracking().ToListAsync(cancellationToken);
            var owner = members.FirstOrDefault(m => m.Roles.HasFlag(OrgRoles.Owner));
            foreach (var r in group)
            {
                var requester = members.FirstOrDefault(m => m.UserId == r.RequestedByUserId);
                var phone = await db.Users.Where(u => u.Id == r.RequestedByUserId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
                IReadOnlyList<Consequence> consequences = [];
                if (r.Kind == PlatformReviewKind.InformationChange && DecidePlatformReview.DeltaOf(org, r) is { Succeeded: true } delta)
                {
                    consequences = await InformationChanges.PreviewAsync(db, preview, org, delta.Value!, cancellationToken);
                }
                rows.Add(new PlatformReviewRow(r.Id, org.Id, org.Name, org.Uscc, r.Kind, requester?.Name ?? "", phone ?? "", owner?.Name,
                    org.LegalRepresentativeName, r.NewName, r.NewUscc, r.NewLegalRepresentativeName, r.NewLegalRepresentativeIdNumber, r.Reason,
                    r.ProofFile, r.CreatedAtUtc, consequences));
            }
        }
        return rows.OrderBy(r => r.CreatedAtUtc).ToList();
    }
}
