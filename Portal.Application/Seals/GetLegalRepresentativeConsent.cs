using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

public sealed record LegalRepresentativeConsentState(bool IsLegalRepresentative, bool ConsentGiven, DateTime? GivenAtUtc, bool HasActiveSeal);

/// <summary>The legal representative's view of their consent to a 法定代表人章 in the current organization.</summary>
public sealed class GetLegalRepresentativeConsent(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<LegalRepresentativeConsentState>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Member, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == me.Value!.OrganizationId, cancellationToken);
        var isRep = org.LegalRepresentativeUserId == me.Value!.UserId;
        var consent = await db.LegalRepresentativeSealConsents.AsNoTracking()
            .Where(c => c.UserId == me.Value.UserId && c.WithdrawnAtUtc == null).FirstOrDefaultAsync(cancellationToken);
        var hasSeal = await db.Seals.AnyAsync(s => s.Type == SealType.LegalRepresentative && s.Status == SealStatus.Active, cancellationToken);
        return new LegalRepresentativeConsentState(isRep, isRep && consent is not null, consent?.GivenAtUtc, hasSeal);
    }
}
