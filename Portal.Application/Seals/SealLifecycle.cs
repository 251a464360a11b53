using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Application.Policies;

namespace Portal.Application.Seals;

/// <summary>
/// Making and voiding seals, shared by the use cases and the domain-event handlers. Everything here runs inside the
/// caller's write transaction and only stages changes (the caller saves and commits).
/// </summary>
public static class SealLifecycle
{
    /// <summary>What a new seal is.</summary>
    public sealed record NewSeal(SealType Type, string Name, Guid? DepartmentId, SealFaceSource FaceSource, string FaceSpecJson,
        string? ImageFile, SealStatus Status, Guid? LegalRepresentativeConsentUserId);

    /// <summary>
    /// Stages a seal with its own pool key and seal certificate. A department seal of a university is granted at once to the
    /// department's heads (seed 004: 二级学院印章默认授权给院长和书记). <paramref name="keyId"/> is a key generated before the lock
    /// (<see cref="PregeneratedSealKey"/>); without one the key is generated here, under the caller's lock — only the
    /// certification handlers and the seed do that, once per organization.
    /// </summary>
    public static async Task<Seal> CreateAsync(IPortalDbContext db, ISealKeys keys, Organization org, NewSeal n, Guid createdBy,
        DateTime nowUtc, CancellationToken cancellationToken, string? keyId = null)
    {
        var seal = new Seal
        {
            Id = Guid.NewGuid(),
            OrganizationId = org.Id,
            DepartmentId = n.DepartmentId,
            Type = n.Type,
            Name = n.Name.Trim(),
            FaceSource = n.FaceSource,
            FaceSpecJson = n.FaceSpecJson,
            ImageFile = n.ImageFile,
            Status = n.Status,
            CreatedByUserId = createdBy,
            CreatedAtUtc = nowUtc,
            LegalRepresentativeConsentUserId = n.LegalRepresentativeConsentUserId,
            LegalRepresentativeConsentAtUtc = n.LegalRepresentativeConsentUserId is null ? null : nowUtc,
        };
        keyId ??= await keys.GenerateKeyAsync(cancellationToken);
        var material = await keys.CertifyAsync(db, keyId, seal.Id, org.Name, org.Uscc, seal.Name, cancellationToken);
        seal.KeyId = material.KeyId;
        seal.CertificateDer = material.CertificateDer;
        seal.CertificateSerial = material.Serial;
        seal.CertificateNotAfterUtc = material.NotAfterUtc;
        db.Seals.Add(seal);
        if (n.DepartmentId is { } departmentId && org.Type == OrganizationType.University)
        {
            var heads = await db.Memberships.Where(m => m.OrganizationId == org.Id && m.DepartmentId == departmentId)
                .Where(m => (m.Roles & OrgRoles.DepartmentHead) != 0).Select(m => m.UserId).ToListAsync(cancellationToken);
            var rule = await SealPolicies.TypeRuleAsync(db, org.Id, n.Type, cancellationToken);
            foreach (var head in heads)
            {
                db.SealGrants.Add(new SealGrant
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = org.Id,
                    SealId = seal.Id,
                    GranteeUserId = head,
                    StartUtc = nowUtc,
                    // The longest window the policy allows: long-term if it may be, else its maximum.
                    EndUtc = rule.AllowLongTerm || rule.MaxGrantDays is null ? null
                        : GrantWindows.EndOfDayUtc(GrantWindows.LocalDate(nowUtc, org.TimeZoneId).AddDays(rule.MaxGrantDays.Value - 1), org.TimeZoneId),
                    Status = GrantStatus.Active,
                    Source = GrantSource.Default,
                    GrantedByUserId = createdBy,
                    GrantedAtUtc = nowUtc,
                });
            }
        }
        return seal;
    }

    /// <summary>Grants that can still be used now or later: active and not past their end.</summary>
    public static IQueryable<SealGrant> LiveGrants(IPortalDbContext db, Guid sealId, DateTime nowUtc) =>
        db.SealGrants.Where(g => g.SealId == sealId && g.Status == GrantStatus.Active && (g.EndUtc == null || g.EndUtc >= nowUtc));

    /// <summary>
    /// Voids a seal and records why. Under <see cref="VoidingBehaviour.StopAtVoiding"/> every grant is revoked and the certificate
    /// with it; under <see cref="VoidingBehaviour.KeepUntilRevoked"/> grants keep running and the certificate is revoked only
    /// when none is left.
    /// </summary>
    public static async Task<SealVoidRecord> VoidAsync(IPortalDbContext db, ISealKeys keys, Seal seal, SealVoidCause cause, string reason,
        Guid? byUserId, string byName, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var rule = await SealPolicies.EffectiveRuleAsync(db, seal, cancellationToken);
        seal.Status = SealStatus.Voided;
        seal.VoidedAtUtc = nowUtc;
        seal.VoidedByUserId = byUserId;
        seal.VoidReason = reason;
        var live = await LiveGrants(db, seal.Id, nowUtc).ToListAsync(cancellationToken);
        var record = new SealVoidRecord
        {
            Id = Guid.NewGuid(),
            OrganizationId = seal.OrganizationId,
            SealId = seal.Id,
            SealName = seal.Name,
            SealType = seal.Type,
            Cause = cause,
            Reason = reason,
            VoidedByUserId = byUserId,
            VoidedByName = byName,
            VoidedAtUtc = nowUtc,
        };
        if (rule.VoidingBehaviour == VoidingBehaviour.StopAtVoiding)
        {
            foreach (var g in live)
            {
                RevokeGrant(g, byUserId, reason, nowUtc);
            }
            record.GrantsRevoked = live.Count;
        }
        else
        {
            record.GrantsKept = live.Count;
        }
        if (rule.VoidingBehaviour == VoidingBehaviour.StopAtVoiding || live.Count == 0)
        {
            await keys.RevokeAsync(db, seal, cause == SealVoidCause.OrganizationIdentityChanged
                ? SealCertificateRevocation.IdentityChanged : SealCertificateRevocation.NoLongerUsable, cancellationToken);
            record.CertificateRevoked = true;
        }
        db.SealVoidRecords.Add(record);
        return record;
    }

    public static void RevokeGrant(SealGrant grant, Guid? byUserId, string reason, DateTime nowUtc)
    {
        grant.Status = GrantStatus.Revoked;
        grant.RevokedAtUtc = nowUtc;
        grant.RevokedByUserId = byUserId;
        grant.RevokeReason = reason;
    }

    /// <summary>
    /// After grants were revoked (staged): a voided seal with no live grant left can no longer be used by anyone — revoke its
    /// certificate now. <paramref name="revokedNow"/> are the grants just revoked (not yet saved).
    /// </summary>
    public static async Task<bool> RevokeCertificateIfUnusableAsync(IPortalDbContext db, ISealKeys keys, Seal seal,
        IReadOnlyCollection<Guid> revokedNow, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (seal.Status != SealStatus.Voided || seal.CertificateRevokedAtUtc is not null)
        {
            return false;
        }
        var left = await LiveGrants(db, seal.Id, nowUtc).Where(g => !revokedNow.Contains(g.Id)).AnyAsync(cancellationToken);
        if (left)
        {
            return false;
        }
        await keys.RevokeAsync(db, seal, SealCertificateRevocation.NoLongerUsable, cancellationToken);
        return true;
    }
}
