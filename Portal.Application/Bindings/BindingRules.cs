using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

/// <summary>A certificate as the user and CA support see it.</summary>
public sealed record CertificateSummary(string Fingerprint, string SerialNumber, string Subject, string Issuer, string CommonName,
    DateTime NotBeforeUtc, DateTime NotAfterUtc, string KeyAlgorithm)
{
    public static CertificateSummary Of(CertificateFacts f) =>
        new(f.Fingerprint, f.SerialNumber, f.Subject, f.Issuer, f.CommonName, f.NotBeforeUtc, f.NotAfterUtc, f.KeyAlgorithm);
}

/// <summary>The rules a certificate passes before it may be bound, shared by the challenge and the bind itself.</summary>
public sealed class BindingRules(ICertificateInspector inspector, AuditTrail audit, TimeProvider clock)
{
    public static readonly TimeSpan ChallengeValidity = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The exact bytes the user signs: names the challenge and the certificate, so a signature for one
    /// challenge or certificate proves nothing about another.
    /// </summary>
    public static byte[] ToBeSigned(CertificateChallenge c) =>
        Encoding.UTF8.GetBytes($"Portal certificate binding\nchallenge:{c.Id:N}\ncertificate:{c.Fingerprint}\nnonce:{Convert.ToBase64String(c.Nonce)}");

    /// <summary>Validity, CA flag, trust (with the CA's fail-open/closed policy) and uniqueness; null when the certificate may be bound.</summary>
    public async Task<(PortalError? Error, Guid? Conflict, CertificateTrust? Trust)> CheckAsync(IPortalDbContext db, CertificateFacts facts, Guid userId,
        CancellationToken cancellationToken)
    {
        var (error, trust) = await CheckCertificateAsync(facts, cancellationToken);
        if (error is not null)
        {
            return (error, null, trust);
        }
        var (held, conflict) = await CheckHolderAsync(db, facts, userId, cancellationToken);
        return (held, conflict, trust);
    }

    /// <summary>The certificate's own checks: CA flag, validity, trust and revocation (no database; may be slow, so outside the lock).</summary>
    public async Task<(PortalError? Error, CertificateTrust? Trust)> CheckCertificateAsync(CertificateFacts facts, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (facts.IsCa)
        {
            return (new PortalError(Errors.CertificateIsCa), null);
        }
        if (now < facts.NotBeforeUtc || now > facts.NotAfterUtc)
        {
            return (new PortalError(Errors.CertificateExpired, facts.NotAfterUtc.ToString("yyyy-MM-dd")), null);
        }
        var trust = await inspector.CheckTrustAsync(facts.Der, cancellationToken);
        if (!trust.IsAcceptable)
        {
            var code = trust.Status switch
            {
                CertificateTrustStatus.Revoked => Errors.CertificateRevoked,
                CertificateTrustStatus.RevocationUnknown => Errors.CertificateRevocationUnknown,
                _ => Errors.CertificateUntrusted,
            };
            return (new PortalError(code), trust);
        }
        return (null, trust);
    }

    /// <summary>Uniqueness: a certificate is held by one binding at a time (under the lock).</summary>
    public static async Task<(PortalError? Error, Guid? Conflict)> CheckHolderAsync(IPortalDbContext db, CertificateFacts facts, Guid userId,
        CancellationToken cancellationToken)
    {
        var holder = await db.CertificateBindings.IgnoreQueryFilters()
            .Where(b => b.HeldFingerprint == facts.Fingerprint)
            .Select(b => new { b.Id, b.OwnerUserId }).FirstOrDefaultAsync(cancellationToken);
        if (holder is not null)
        {
            // Never name the other account (seed 002: "已被多人绑定" — unbind it there or ask support).
            return (new PortalError(holder.OwnerUserId == userId ? Errors.CertificateBoundToYou : Errors.CertificateAlreadyBound), holder.Id);
        }
        return (null, null);
    }

    /// <summary>Records a refused bind for CA support and in the audit trail (inside the caller's write transaction).</summary>
    public async Task RecordRefusalAsync(IPortalDbContext db, Guid userId, CertificateFacts? facts, string fingerprint, string reason,
        Guid? conflict, CancellationToken cancellationToken)
    {
        db.CertificateBindAttempts.Add(new CertificateBindAttempt
        {
            UserId = userId,
            Fingerprint = facts?.Fingerprint ?? fingerprint,
            SerialNumber = facts?.SerialNumber ?? "",
            Subject = Cut(facts?.Subject ?? "", 500),
            Issuer = Cut(facts?.Issuer ?? "", 500),
            Reason = reason,
            ConflictingBindingId = conflict,
            OccurredAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await audit.AppendAsync(db, AuditActions.BindingBind, facts?.Fingerprint ?? fingerprint, AuditOutcome.Refused, reason,
            cancellationToken: cancellationToken);
    }

    internal static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
