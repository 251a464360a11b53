using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

/// <summary>What a successful bind did: the new binding and the older bindings it marked renewed.</summary>
public sealed record BindOutcome(Guid BindingId, CertificateTrustStatus Trust, IReadOnlyList<Guid> RenewedBindingIds);

/// <summary>
/// 绑定Ukey, step 2: the signature over the challenge proves possession of the key. The challenge is
/// consumed whatever the outcome; every rule is checked again here (a certificate may have been bound or
/// revoked since step 1); a newer certificate with the same subject and issuer renews older bindings.
/// </summary>
public sealed class BindCertificate(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, ICertificateInspector inspector,
    BindingRules rules, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<BindOutcome>> ExecuteAsync(Guid challengeId, byte[] signature, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<BindOutcome>.Fail(Errors.NotSignedIn);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        CertificateFacts? facts;
        await using (var db = dbFactory.CreateForScope(null, userId))
        {
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            // The personal filter: another user's challenge is simply not found.
            var challenge = await db.CertificateChallenges.FirstOrDefaultAsync(c => c.Id == challengeId, cancellationToken);
            var refusal = challenge is null ? Errors.ChallengeInvalid
                : challenge.UsedAtUtc is not null ? Errors.ChallengeUsed
                : now > challenge.ExpiresAtUtc ? Errors.ChallengeExpired
                : null;
            facts = challenge is null ? null : inspector.Read(challenge.CertificateDer);
            if (challenge is not null)
            {
                challenge.UsedAtUtc ??= now;
            }
            if (refusal is null && (facts is null || !inspector.VerifyPossession(facts.Der, BindingRules.ToBeSigned(challenge!), signature)))
            {
                refusal = Errors.ProofInvalid;
            }
            Guid? conflict = null;
            CertificateTrust? trust = null;
            if (refusal is null)
            {
                var (error, c, t) = await rules.CheckAsync(db, facts!, userId, cancellationToken);
                refusal = error?.Code;
                conflict = c;
                trust = t;
            }
            if (refusal is not null)
            {
                await rules.RecordRefusalAsync(db, userId, facts, challenge?.Fingerprint ?? "", refusal, conflict, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return Result<BindOutcome>.Fail(refusal);
            }

            var binding = new CertificateBinding
            {
                Id = Guid.NewGuid(),
                OwnerUserId = userId,
                Fingerprint = facts!.Fingerprint,
                HeldFingerprint = facts.Fingerprint,
                SerialNumber = facts.SerialNumber,
                Subject = BindingRules.Cut(facts.Subject, 500),
                Issuer = BindingRules.Cut(facts.Issuer, 500),
                CommonName = BindingRules.Cut(facts.CommonName, 200),
                NotBeforeUtc = facts.NotBeforeUtc,
                NotAfterUtc = facts.NotAfterUtc,
                CertificateDer = facts.Der,
                TrustedCaName = trust!.TrustedCaName,
                TrustAtBinding = trust.Status,
                LastTrust = trust.Status,
                LastCheckedAtUtc = now,
                Status = BindingStatus.Active,
                BoundAtUtc = now,
            };
            db.CertificateBindings.Add(binding);
            db.CertificateBindingEvents.Add(new CertificateBindingEvent
            {
                BindingId = binding.Id,
                Kind = BindingEventKind.Bound,
                OccurredAtUtc = now,
                ActorUserId = userId,
                Detail = trust.Status.ToString(),
            });
            var renewed = await MarkRenewedAsync(db, binding, userId, now, cancellationToken);
            await audit.AppendAsync(db, "binding.bind", binding.Fingerprint, AuditOutcome.Success,
                $"serial={binding.SerialNumber} trust={trust.Status} renewed={renewed.Count}", cancellationToken: cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await tx.CommitAsync(cancellationToken);
                return new BindOutcome(binding.Id, trust.Status, renewed);
            }
            catch (DbUpdateException)
            {
                // The unique index on the held fingerprint: another bind of this certificate won the race.
            }
        }
        await using (var db = dbFactory.CreateForScope(null, userId))
        {
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            var challenge = await db.CertificateChallenges.FirstAsync(c => c.Id == challengeId, cancellationToken);
            challenge.UsedAtUtc ??= now;
            var holder = await db.CertificateBindings.IgnoreQueryFilters().Where(b => b.HeldFingerprint == facts!.Fingerprint)
                .Select(b => (Guid?)b.Id).FirstOrDefaultAsync(cancellationToken);
            await rules.RecordRefusalAsync(db, userId, facts, facts!.Fingerprint, Errors.CertificateAlreadyBound, holder, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        return Result<BindOutcome>.Fail(Errors.CertificateAlreadyBound);
    }

    /// <summary>
    /// Renewal (seed 002: "续费后会发生 ID 改变"): held bindings, in any account, of a certificate with the same
    /// subject and issuer and an earlier notBefore become renewed. The owner's own old binding ends at once
    /// (the new one replaces it); another account's stays held until that user or CA support unbinds it.
    /// </summary>
    private static async Task<IReadOnlyList<Guid>> MarkRenewedAsync(IPortalDbContext db, CertificateBinding binding, Guid userId, DateTime now,
        CancellationToken cancellationToken)
    {
        var older = await db.CertificateBindings.IgnoreQueryFilters()
            .Where(b => b.HeldFingerprint != null && b.Subject == binding.Subject && b.Issuer == binding.Issuer
                && b.Status == BindingStatus.Active && b.NotBeforeUtc < binding.NotBeforeUtc)
            .ToListAsync(cancellationToken);
        foreach (var b in older)
        {
            b.Status = BindingStatus.Renewed;
            b.RenewedAtUtc = now;
            b.RenewedByBindingId = binding.Id;
            b.ConcurrencyStamp = Guid.NewGuid();
            if (b.OwnerUserId == userId)
            {
                b.HeldFingerprint = null;
                b.EndedAtUtc = now;
                b.EndedByUserId = userId;
                b.EndReason = "renewed";
            }
            db.CertificateBindingEvents.Add(new CertificateBindingEvent
            {
                BindingId = b.Id,
                Kind = BindingEventKind.Renewed,
                OccurredAtUtc = now,
                ActorUserId = userId,
                Detail = binding.SerialNumber,
            });
        }
        return older.Select(b => b.Id).ToList();
    }
}
