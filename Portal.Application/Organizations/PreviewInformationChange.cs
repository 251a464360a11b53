using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>What an information change would cause, shown to the owner before submitting.</summary>
public sealed class PreviewInformationChange(IPortalDbContextFactory dbFactory, Access access, ConsequencePreview preview)
{
    public async Task<Result<IReadOnlyList<Consequence>>> ExecuteAsync(string? newName, string? newUscc, string? newLegalName, string? newLegalId,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == db.ScopeOrganizationId, cancellationToken);
        var delta = InformationChanges.Compare(org, newName, newUscc, newLegalName, newLegalId);
        if (!delta.Succeeded)
        {
            return delta.Error!;
        }
        return Result<IReadOnlyList<Consequence>>.Ok(await InformationChanges.PreviewAsync(db, preview, org, delta.Value!, cancellationToken));
    }
}
