using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>The legal representative withdraws the consent: no new 法定代表人章 can be made (existing ones are voided by an admin).</summary>
public sealed class WithdrawLegalRepresentativeConsent(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.InSpace(), async w =>
        {
            var consents = await w.Db.LegalRepresentativeSealConsents.Where(c => c.UserId == w.Me!.UserId && c.WithdrawnAtUtc == null)
                .ToListAsync(cancellationToken);
            if (consents.Count == 0)
            {
                // Only the legal representative has a consent to withdraw: anyone else is told so, not "nothing changed".
                var org = await w.Db.Organizations.FirstAsync(o => o.Id == w.Me!.OrganizationId, cancellationToken);
                if (org.LegalRepresentativeUserId != w.Me!.UserId)
                {
                    return Result.Fail(Errors.NotLegalRepresentative);
                }
                return Result.Fail(Errors.NothingChanged);
            }
            foreach (var c in consents)
            {
                c.WithdrawnAtUtc = w.Now;
            }
            w.Audit(AuditActions.SealLegalRepresentativeConsentWithdraw, w.Me!.OrganizationId.ToString());
            return Result.Ok();
        }, cancellationToken);
}
