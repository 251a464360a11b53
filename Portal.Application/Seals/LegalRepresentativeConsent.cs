using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

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

/// <summary>The seals a certified organization starts with.</summary>
public static class DefaultSeals
{
    /// <summary>公章 and 合同专用章; 法定代表人章 when the legal representative registered the organization or has consented.</summary>
    public static async Task MakeAsync(IPortalDbContext db, ISealKeys keys, Organization org, DateTime nowUtc, CancellationToken ct)
    {
        var maker = org.CreatedByUserId ?? Guid.Empty;
        foreach (var type in new[] { SealType.Official, SealType.Contract })
        {
            if (await db.Seals.AnyAsync(s => s.OrganizationId == org.Id && s.Type == type && s.DepartmentId == null && s.Status == SealStatus.Active, ct))
            {
                continue;
            }
            await SealLifecycle.CreateAsync(db, keys, org, new SealLifecycle.NewSeal(type, SealFaces.DefaultName(type, org.LegalRepresentativeName), null,
                SealFaceSource.Template, SealFaces.Template(type, org.Name, org.LegalRepresentativeName).ToJson(), null, SealStatus.Active, null),
                maker, nowUtc, ct);
        }
        var consent = await SealMaking.LegalRepresentativeConsentAsync(db, org, maker, ct);
        if (consent is { } rep)
        {
            await MakeLegalRepresentativeSealIfMissingAsync(db, keys, org, rep, maker, nowUtc, ct);
        }
    }

    public static async Task MakeLegalRepresentativeSealIfMissingAsync(IPortalDbContext db, ISealKeys keys, Organization org, Guid consentUserId,
        Guid maker, DateTime nowUtc, CancellationToken ct)
    {
        if (org.Status != OrganizationStatus.Certified || !keys.IsAvailable
            || await db.Seals.AnyAsync(s => s.OrganizationId == org.Id && s.Type == SealType.LegalRepresentative
                && (s.Status == SealStatus.Active || s.Status == SealStatus.PendingReview), ct))
        {
            return;
        }
        await SealPolicies.EnsureAsync(db, org.Id, nowUtc, ct);
        const SealType type = SealType.LegalRepresentative;
        await SealLifecycle.CreateAsync(db, keys, org, new SealLifecycle.NewSeal(type, SealFaces.DefaultName(type, org.LegalRepresentativeName), null,
            SealFaceSource.Template, SealFaces.Template(type, org.Name, org.LegalRepresentativeName).ToJson(), null, SealStatus.Active, consentUserId),
            maker, nowUtc, ct);
    }
}
