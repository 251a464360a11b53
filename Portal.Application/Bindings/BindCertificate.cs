using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

/// <summary>What a successful bind did: the new binding and the older bindings it marked renewed.</summary>
public sealed record BindOutcome(Guid BindingId, CertificateTrustStatus Trust, IReadOnlyList<Guid> RenewedBindingIds);

/// <summary>
/// 绑定Ukey, step 2: the signature over the challenge proves possession of the key. The challenge is
/// consumed whatever the outcome; every rule is checked again here (a certificate may have been bound or
/// revoked since step 1); a newer certificate with the same subject and issuer renews the binder's own older bindings.
/// </summary>
public sealed class BindCertificate(WriteUnit unit, ICertificateInspector inspector, BindingRules rules)
{
    public async Task<Result<BindOutcome>> ExecuteAsync(Guid challengeId, byte[] signature, CancellationToken cancellationToken = default)
    {
        CertificateFacts? facts = null;
        try
        {
            return await unit.RunAsync(Write.AsUser(), async w =>
            {
                var userId = w.UserId!.Value;
                // The personal filter: another user's challenge is simply not found.
                var challenge = await w.Db.CertificateChallenges.FirstOrDefaultAsync(c => c.Id == challengeId, cancellationToken);
                var refusal = challenge is null ? Errors.ChallengeInvalid
                    : challenge.UsedAtUtc is not null ? Errors.ChallengeUsed
                    : w.Now > challenge.ExpiresAtUtc ? Errors.ChallengeExpired
                    : null;
                facts = challenge is null ? null : inspector.Read(challenge.CertificateDer);
                if (challenge is not null)
                {
                    challenge.UsedAtUtc ??= w.Now;
                }
                if (refusal is null && (facts is null || !inspector.VerifyPossession(facts.Der, BindingRules.ToBeSigned(challenge!), signature)))
                {
                    refusal = Errors.ProofInvalid;
                }
                Guid? conflict = null;
                CertificateTrust? trust = null;
                if (refusal is null)
                {
                    var (error, c, t) = await rules.CheckAsync(w.Db, facts!, userId, cancellationToken);
                    refusal = error?.Code;
                    conflict = c;
                    trust = t;
                }
                if (refusal is not null)
                {
                    // The challenge is consumed and the refusal recorded whatever the outcome.
                    await rules.RecordRefusalAsync(w.Db, userId, facts, challenge?.Fingerprint ?? "", refusal, conflict, cancellationToken);
                    return w.Keep(new PortalError(refusal));
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
                    LastCheckedAtUtc = w.Now,
                    Status = BindingStatus.Active,
                    BoundAtUtc = w.Now,
                };
                w.Db.CertificateBindings.Add(binding);
                w.Db.CertificateBindingEvents.Add(new CertificateBindingEvent
                {
                    BindingId = binding.Id,
                    Kind = BindingEventKind.Bound,
                    OccurredAtUtc = w.Now,
                    ActorUserId = userId,
                    Detail = trust.Status.ToString(),
                });
                var renewed = await MarkRenewedAsync(w.Db, binding, userId, w.Now, cancellationToken);
                w.Audit(AuditActions.BindingBind, binding.Fingerprint, $"serial={binding.SerialNumber} trust={trust.Status} renewed={renewed.Count}");
                return Result<BindOutcome>.Ok(new BindOutcome(binding.Id, trust.Status, renewed));
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && facts is not null)
        {
            // The unique index on the held fingerprint: another bind of this certificate won the race.
        }
        var held = facts!;
        return await unit.RunAsync<BindOutcome>(Write.AsUser(), async w =>
        {
            var challenge = await w.Db.CertificateChallenges.FirstAsync(c => c.Id == challengeId, cancellationToken);
            challenge.UsedAtUtc ??= w.Now;
            var holder = await w.Db.CertificateBindings.IgnoreQueryFilters().Where(b => b.HeldFingerprint == held.Fingerprint)
                .Select(b => (Guid?)b.Id).FirstOrDefaultAsync(cancellationToken);
            await rules.RecordRefusalAsync(w.Db, w.UserId!.Value, held, held.Fingerprint, Errors.CertificateAlreadyBound, holder, cancellationToken);
            return w.Keep(new PortalError(Errors.CertificateAlreadyBound));
        }, cancellationToken);
    }

    /// <summary>
    /// Renewal (seed 002: "续费后会发生 ID 改变"): the binder's own held bindings of a certificate with the same subject and
    /// issuer and an earlier notBefore are renewed and end at once (the new one replaces them). Another account's binding is
    /// never touched: a certificate with the same subject proves nothing about that account (issue 13).
    /// </summary>
    private static async Task<IReadOnlyList<Guid>> MarkRenewedAsync(IPortalDbContext db, CertificateBinding binding, Guid userId, DateTime now,
        CancellationToken cancellationToken)
    {
        var older = await db.CertificateBindings.IgnoreQueryFilters()
            .Where(b => b.OwnerUserId == userId && b.HeldFingerprint != null && b.Subject == binding.Subject && b.Issuer == binding.Issuer
                && b.Status == BindingStatus.Active && b.NotBeforeUtc < binding.NotBeforeUtc)
            .ToListAsync(cancellationToken);
        foreach (var b in older)
        {
            b.Status = BindingStatus.Renewed;
            b.RenewedAtUtc = now;
            b.RenewedByBindingId = binding.Id;
            b.HeldFingerprint = null;
            b.EndedAtUtc = now;
            b.EndedByUserId = userId;
            b.EndReason = "renewed";
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
