using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>作废记录 of the organization, newest first.</summary>
public sealed class ListSealVoidRecords(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<SealVoidRecord>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Member, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        return await db.SealVoidRecords.AsNoTracking().OrderByDescending(r => r.VoidedAtUtc).ToListAsync(cancellationToken);
    }
}
