using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

public sealed record LegalRepresentativeConsentState(bool IsLegalRepresentative, bool ConsentGiven, DateTime? GivenAtUtc, bool HasActiveSeal);

/// <summary>The legal representative's view of their consent to a 法定代表人章 in the current organization.</summary>
public sealed class GetLegalRepresentativeConsent(WriteUnit unit)
{
    public Task<Result<LegalRepresentativeConsentState>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.ReadAsync<LegalRepresentativeConsentState>(Write.InSpace(), async read =>
        {
            var org = await read.Db.Organizations.AsNoTracking().FirstAsync(o => o.Id == read.Me!.OrganizationId, cancellationToken);
            var isRep = org.LegalRepresentativeUserId == read.Me!.UserId;
            var consent = await read.Db.LegalRepresentativeSealConsents.AsNoTracking()
                .Where(c => c.UserId == read.Me!.UserId && c.WithdrawnAtUtc == null).FirstOrDefaultAsync(cancellationToken);
            var hasSeal = await read.Db.Seals.AnyAsync(s => s.Type == SealType.LegalRepresentative && s.Status == SealStatus.Active, cancellationToken);
            return new LegalRepresentativeConsentState(isRep, isRep && consent is not null, consent?.GivenAtUtc, hasSeal);
        }, cancellationToken);
}
