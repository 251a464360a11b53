using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record OrganizationSummary(Guid Id, string Name, string Uscc, OrganizationType Type, OrganizationStatus Status,
    string TimeZoneId, string LegalRepresentativeName, int MemberCount);

/// <summary>The current organization's information (any member).</summary>
public sealed class GetCurrentOrganization(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<OrganizationSummary>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var org = await db.Organizations.Where(o => o.Id == db.ScopeOrganizationId)
            .Select(o => new OrganizationSummary(o.Id, o.Name, o.Uscc, o.Type, o.Status, o.TimeZoneId, o.LegalRepresentativeName,
                db.Memberships.Count()))
            .FirstAsync(cancellationToken);
        return org;
    }
}
