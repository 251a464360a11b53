using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

public sealed record CertificationQueueRow(Guid OrganizationId, string Name, string Uscc, OrganizationType Type, bool IsMainland,
    string LegalRepresentativeName, string? BusinessLicenseFile, string? AuthorizationLetterFile, DateTime CreatedAtUtc,
    string? UsccCertifiedBy = null);

/// <summary>
/// The platform admins' manual certification queue. <see cref="CertificationQueueRow.UsccCertifiedBy"/> names the organization
/// already certified with the same USCC: approving such a row is a takeover, to be decided on the proof.
/// </summary>
public sealed class ListCertificationQueue(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<CertificationQueueRow>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed.Error!;
        }
        await using var db = dbFactory.CreateForScope(null, null);
        var rows = await db.Organizations.AsNoTracking()
            .Where(o => o.AwaitingPlatformReview && o.Status == OrganizationStatus.Certifying)
            .OrderBy(o => o.CreatedAtUtc)
            .Select(o => new CertificationQueueRow(o.Id, o.Name, o.Uscc, o.Type, o.IsMainland, o.LegalRepresentativeName,
                o.BusinessLicenseFile, o.AuthorizationLetterFile, o.CreatedAtUtc,
                db.Organizations.Where(c => c.Uscc == o.Uscc && c.Id != o.Id && c.Status == OrganizationStatus.Certified)
                    .Select(c => c.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return rows;
    }
}
