using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Seals;

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

    /// <summary>The 法定代表人章 once the organization is certified and has consent; <paramref name="key"/> is a key generated before the lock.</summary>
    public static async Task MakeLegalRepresentativeSealIfMissingAsync(IPortalDbContext db, ISealKeys keys, Organization org, Guid consentUserId,
        Guid maker, DateTime nowUtc, CancellationToken ct, PregeneratedSealKey? key = null)
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
            maker, nowUtc, ct, key?.Take());
    }
}
