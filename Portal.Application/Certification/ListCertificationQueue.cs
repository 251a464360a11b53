using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

public sealed record CertificationQueueRow(Guid OrganizationId, string Name, string Uscc, OrganizationType Type, bool IsMainland,
    string LegalRepresentativeName, string? BusinessLicenseFile, string? AuthorizationLetterFile, DateTime CreatedAtUtc);

/// <summary>The platform admins' manual certification queue.</summary>
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
        return await db.Organizations.AsNoTracking()
            .Where(o => o.AwaitingPlatformReview && o.Status == OrganizationStatus.Certifying)
            .OrderBy(o => o.CreatedAtUtc)
            .Select(o => new CertificationQueueRow(o.Id, o.Name, o.Uscc, o.Type, o.IsMainland, o.LegalRepresentativeName,
                o.BusinessLicenseFile, o.AuthorizationLetterFile, o.CreatedAtUtc))
            .ToListAsync(cancellationToken);
    }
}
