using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record OrganizationReviewRow(Guid Id, PlatformReviewKind Kind, string? NewName, string? NewUscc, string? NewLegalRepresentativeName,
    string Reason, RequestStatus Status, string? DecisionReason, DateTime CreatedAtUtc, DateTime? DecidedAtUtc);

/// <summary>
/// The current organization's requests to the platform (information changes, owner claims) and their outcome:
/// the owner sees all of them, another member only their own owner claims.
/// </summary>
public sealed class ListOrganizationReviewRequests(WriteUnit unit)
{
    public Task<Result<IReadOnlyList<OrganizationReviewRow>>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<OrganizationReviewRow>>(Write.InSpace(), async read =>
        {
            var owner = read.Me!.Roles.HasFlag(OrgRoles.Owner);
            var userId = read.Me!.UserId;
            return await read.Db.PlatformReviewRequests.AsNoTracking()
                .Where(r => owner || r.RequestedByUserId == userId)
                .OrderByDescending(r => r.CreatedAtUtc).Take(50)
                .Select(r => new OrganizationReviewRow(r.Id, r.Kind, r.NewName, r.NewUscc, r.NewLegalRepresentativeName, r.Reason, r.Status,
                    r.DecisionReason, r.CreatedAtUtc, r.DecidedAtUtc))
                .ToListAsync(cancellationToken);
        }, cancellationToken);
}
