using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>The legal representative withdraws the consent: no new 法定代表人章 can be made (existing ones are voided by an admin).</summary>
public sealed class WithdrawLegalRepresentativeConsent(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, TimeProvider clock)
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
        var consents = await db.LegalRepresentativeSealConsents.Where(c => c.UserId == me.Value!.UserId && c.WithdrawnAtUtc == null)
            .ToListAsync(cancellationToken);
        if (consents.Count == 0)
        {
            return Result.Fail(Errors.NothingChanged);
        }
        foreach (var c in consents)
        {
            c.WithdrawnAtUtc = clock.GetUtcNow().UtcDateTime;
            c.ConcurrencyStamp = Guid.NewGuid();
        }
        await audit.AppendAsync(db, "seal.legal-representative.consent.withdraw", me.Value!.OrganizationId.ToString(), AuditOutcome.Success,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
