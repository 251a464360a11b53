using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record OrganizationSummary(Guid Id, string Name, string Uscc, OrganizationType Type, OrganizationStatus Status,
    string TimeZoneId, string LegalRepresentativeName, int MemberCount);

/// <summary>The current organization's information (any member).</summary>
public sealed class GetCurrentOrganization(WriteUnit unit)
{
    public Task<Result<OrganizationSummary>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<OrganizationSummary>(Write.InSpace(), async read =>
        {
            var org = await read.Db.Organizations.Where(o => o.Id == read.Db.ScopeOrganizationId)
                .Select(o => new OrganizationSummary(o.Id, o.Name, o.Uscc, o.Type, o.Status, o.TimeZoneId, o.LegalRepresentativeName,
                    read.Db.Memberships.Count()))
                .FirstAsync(cancellationToken);
            return org;
        }, cancellationToken);
}
