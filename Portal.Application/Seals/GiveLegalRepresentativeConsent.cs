using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>
/// The legal representative permits the organization to hold a 法定代表人章 (seed 001): the consent is recorded and, when the
/// organization is certified and has none, the seal is made at once.
/// </summary>
public sealed class GiveLegalRepresentativeConsent(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, ISealKeys keys, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Member, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var org = await db.Organizations.FirstAsync(o => o.Id == me.Value!.OrganizationId, cancellationToken);
        if (org.LegalRepresentativeUserId != me.Value!.UserId)
        {
            return Result.Fail(Errors.NotLegalRepresentative);
        }
        if (await db.LegalRepresentativeSealConsents.AnyAsync(c => c.UserId == me.Value.UserId && c.WithdrawnAtUtc == null, cancellationToken))
        {
            return Result.Fail(Errors.NothingChanged);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.LegalRepresentativeSealConsents.Add(new LegalRepresentativeSealConsent
        {
            Id = Guid.NewGuid(),
            OrganizationId = org.Id,
            UserId = me.Value.UserId,
            LegalRepresentativeName = org.LegalRepresentativeName,
            GivenAtUtc = now,
        });
        await DefaultSeals.MakeLegalRepresentativeSealIfMissingAsync(db, keys, org, me.Value.UserId, me.Value.UserId, now, cancellationToken);
        await audit.AppendAsync(db, "seal.legal-representative.consent", org.Id.ToString(), AuditOutcome.Success, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
