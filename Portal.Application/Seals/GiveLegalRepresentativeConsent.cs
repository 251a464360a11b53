using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>
/// The legal representative permits the organization to hold a 法定代表人章 (seed 001): the consent is recorded and, when the
/// organization is certified and has none, the seal is made at once.
/// </summary>
public sealed class GiveLegalRepresentativeConsent(WriteUnit unit, ISealKeys keys)
{
    // The key of the seal this may make is generated before the lock (and deleted again if no seal takes it).
    public Task<Result> ExecuteAsync(CancellationToken cancellationToken = default) =>
        PregeneratedSealKey.RunAsync(unit, Write.InSpace(), keys,
            async (w, key) =>
        {
            var me = w.Me!;
            var org = await w.Db.Organizations.FirstAsync(o => o.Id == me.OrganizationId, cancellationToken);
            if (org.LegalRepresentativeUserId != me.UserId)
            {
                return Result.Fail(Errors.NotLegalRepresentative);
            }
            // A link made before identities were checked does not let someone consent for a person they are not.
            if (await RealName.VerifiedIdentity.RequireLegalRepresentativeAsync(w.Db, me.UserId, org, cancellationToken) is { } mismatch)
            {
                return w.Refuse(mismatch, AuditActions.SealLegalRepresentativeConsent, org.Id.ToString());
            }
            if (await w.Db.LegalRepresentativeSealConsents.AnyAsync(c => c.UserId == me.UserId && c.WithdrawnAtUtc == null, cancellationToken))
            {
                return Result.Fail(Errors.NothingChanged);
            }
            w.Db.LegalRepresentativeSealConsents.Add(new LegalRepresentativeSealConsent
            {
                Id = Guid.NewGuid(),
                OrganizationId = org.Id,
                UserId = me.UserId,
                LegalRepresentativeName = org.LegalRepresentativeName,
                GivenAtUtc = w.Now,
            });
            await DefaultSeals.MakeLegalRepresentativeSealIfMissingAsync(w.Db, keys, org, me.UserId, me.UserId, w.Now, cancellationToken, key);
            w.Audit(AuditActions.SealLegalRepresentativeConsent, org.Id.ToString());
            return Result.Ok();
        }, cancellationToken);
}
