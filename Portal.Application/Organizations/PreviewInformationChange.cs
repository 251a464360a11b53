using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>What an information change would cause, shown to the owner before submitting.</summary>
public sealed class PreviewInformationChange(WriteUnit unit, ConsequencePreview preview)
{
    public Task<Result<IReadOnlyList<Consequence>>> ExecuteAsync(string? newName, string? newUscc, string? newLegalName, string? newLegalId,
        CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<Consequence>>(Write.InSpace(OrgRoles.Owner), async read =>
        {
            var org = await read.Db.Organizations.AsNoTracking().FirstAsync(o => o.Id == read.Db.ScopeOrganizationId, cancellationToken);
            var delta = InformationChanges.Compare(org, newName, newUscc, newLegalName, newLegalId);
            if (!delta.Succeeded)
            {
                return delta.Error!;
            }
            return Result<IReadOnlyList<Consequence>>.Ok(await InformationChanges.PreviewAsync(read.Db, preview, org, delta.Value!, cancellationToken));
        }, cancellationToken);
}
