using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>A personal certificate as its owner sees it.</summary>
public sealed record PersonalCertificateView(Guid Id, PersonalCertificateType Type, string SerialNumber, string Subject, DateTime NotBeforeUtc,
    DateTime NotAfterUtc, PersonalCertificateStatus Status, DateTime IssuedAtUtc, DateTime? RevokedAtUtc, string? RevocationReason)
{
    public static PersonalCertificateView Of(PersonalCertificate c) => new(c.Id, c.Type, c.SerialNumber, c.Subject, c.NotBeforeUtc, c.NotAfterUtc,
        c.Status, c.IssuedAtUtc, c.RevokedAtUtc, c.RevocationReason);
}

/// <summary>
/// What a lifecycle step decided from the current state: the certificate it replaces (checked again in the
/// write unit), the key (null: a new one of <see cref="Type"/>), the end date, and how it is recorded.
/// </summary>
internal sealed record CertificatePlan(PersonalCertificate? Replaces, PersonalCertificateType Type, DateTime NotAfterUtc, string? KeyId,
    CertificateInstallKind Install, CertificateOperationKind Operation, PersonalRevocationReason? RevokeReplaced, bool CountsReissue, string Action);

/// <summary>
/// The shared flow of issue, renew and reissue: decide on a read of the current state, have the platform CA
/// issue (outside the write lock — the CA writes its own records), then activate in one write unit that
/// checks the state again. A certificate that loses a race is revoked so no orphan stays valid.
/// </summary>
public sealed class PersonalCertificateSteps(WriteUnit unit, IPortalDbContextFactory dbFactory, IPersonalCertificateAuthority ca,
    TimeProvider clock, ILogger<PersonalCertificateSteps> logger)
{
    public const int MaxYears = 3;

    /// <summary>What was decided and issued before the lock; a missing real name is refused (and audited) under it.</summary>
    private sealed record Issued(CertificatePlan? Plan, PersonalCertificate? Certificate, DateTime Now);

    internal async Task<Result<PersonalCertificateView>> RunAsync(Guid userId,
        Func<PersonalCertificate?, ReissueAllowance, DateTime, Result<CertificatePlan>> decide, CancellationToken cancellationToken)
    {
        try
        {
            return await unit.RunAsync(Write.AsUser(), () => IssueAsync(userId, decide, cancellationToken), async (w, issued) =>
            {
                if (issued.Plan is not { } plan || issued.Certificate is not { } certificate)
                {
                    return w.Refuse(new PortalError(Errors.RealNameRequired), AuditActions.CertificatePersonal, userId.ToString());
                }
                w.IfNotCommitted(async () =>
                {
                    logger.LogWarning("Personal certificate {Serial} lost a race; revoking it", certificate.SerialNumber);
                    await ca.RevokeAsync(certificate.SerialNumber, PersonalRevocationReason.CessationOfOperation, cancellationToken);
                });
                return await ActivateAsync(w, userId, plan, certificate, issued.Now, cancellationToken);
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // The unique index on the active owner: a parallel step won (the issued certificate was revoked above).
            return Result<PersonalCertificateView>.Fail(Errors.Concurrency);
        }
    }

    /// <summary>
    /// Decides on a read of the current state, then has the platform CA issue (and revoke what it replaces) outside the write
    /// lock — the CA writes its own records.
    /// </summary>
    private async Task<Result<Issued>> IssueAsync(Guid userId, Func<PersonalCertificate?, ReissueAllowance, DateTime, Result<CertificatePlan>> decide,
        CancellationToken cancellationToken)
    {
        if (!ca.IsAvailable)
        {
            return Result<Issued>.Fail(Errors.SigningUnavailable);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        CertificatePlan plan;
        RealNameIdentity identity;
        await using (var db = dbFactory.CreateForScope(null, userId))
        {
            var who = await RealNameAsync(db, userId, cancellationToken);
            if (who is null)
            {
                return new Issued(null, null, now);
            }
            identity = who;
            var current = await db.PersonalCertificates.AsNoTracking().FirstOrDefaultAsync(c => c.ActiveOwnerUserId == userId, cancellationToken);
            var allowance = await db.ReissueAllowances.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new ReissueAllowance { OwnerUserId = userId };
            var decided = decide(current, allowance, now);
            if (!decided.Succeeded)
            {
                return decided.Error!;
            }
            plan = decided.Value!;
        }

        var issued = await ca.IssueAsync(new PersonalCertificateRequest(userId, identity.Name, identity.IdNumber, plan.Type, plan.NotAfterUtc, plan.KeyId),
            cancellationToken);
        if (plan.Replaces is { } replaced && plan.RevokeReplaced is { } reason)
        {
            // Revoked before the database says so: a failure here leaves the old certificate active, never the reverse.
            await ca.RevokeAsync(replaced.SerialNumber, reason, cancellationToken);
        }
        return new Issued(plan, new PersonalCertificate
        {
            Id = Guid.NewGuid(),
            OwnerUserId = userId,
            ActiveOwnerUserId = userId,
            Type = plan.Type,
            KeyId = issued.KeyId,
            SerialNumber = issued.SerialNumber,
            Subject = issued.Subject.Length <= 500 ? issued.Subject : issued.Subject[..500],
            NotBeforeUtc = issued.NotBeforeUtc,
            NotAfterUtc = issued.NotAfterUtc,
            CertificateDer = issued.Der,
            Status = PersonalCertificateStatus.Active,
            IssuedAtUtc = now,
        }, now);
    }

    /// <summary>Activates the issued certificate after checking again that the state it was decided on still holds.</summary>
    private static async Task<Result<PersonalCertificateView>> ActivateAsync(WriteContext w, Guid userId, CertificatePlan plan,
        PersonalCertificate certificate, DateTime now, CancellationToken cancellationToken)
    {
        var db = w.Db;
        var current = await db.PersonalCertificates.FirstOrDefaultAsync(c => c.ActiveOwnerUserId == userId, cancellationToken);
        if (current?.Id != plan.Replaces?.Id || (current is not null && current.ConcurrencyStamp != plan.Replaces!.ConcurrencyStamp))
        {
            return Result<PersonalCertificateView>.Fail(Errors.Concurrency);
        }
        if (plan.CountsReissue)
        {
            var allowance = await db.ReissueAllowances.FirstOrDefaultAsync(cancellationToken);
            if (allowance is null)
            {
                allowance = new ReissueAllowance { OwnerUserId = userId };
                db.ReissueAllowances.Add(allowance);
            }
            if (allowance.Remaining <= 0)
            {
                return Result<PersonalCertificateView>.Fail(Errors.ReissuesExhausted);
            }
            allowance.Used++;
        }
        if (current is not null)
        {
            current.ActiveOwnerUserId = null;
            current.Status = plan.RevokeReplaced is null ? PersonalCertificateStatus.Superseded : PersonalCertificateStatus.Revoked;
            current.ReplacedById = certificate.Id;
            if (plan.RevokeReplaced is { } reason)
            {
                current.RevokedAtUtc = now;
                current.RevocationReason = reason.ToString();
            }
        }
        db.PersonalCertificates.Add(certificate);
        db.CertificateInstallRecords.Add(new CertificateInstallRecord
        {
            OwnerUserId = userId,
            CertificateId = certificate.Id,
            Kind = plan.Install,
            Type = certificate.Type,
            SerialNumber = certificate.SerialNumber,
            NotAfterUtc = certificate.NotAfterUtc,
            OccurredAtUtc = now,
        });
        db.CertificateOperations.Add(PersonalCertificates.Operation(userId, CertificateSource.Hosted, certificate.SerialNumber, plan.Operation,
            current is null ? null : current.SerialNumber, null, now));
        w.Audit(plan.Action, certificate.SerialNumber, $"type={certificate.Type} notAfter={certificate.NotAfterUtc:yyyy-MM-dd} replaces={current?.SerialNumber}");
        return PersonalCertificateView.Of(certificate);
    }

    internal sealed record RealNameIdentity(string Name, string IdNumber);

    /// <summary>The verified name and ID number; null while the user is not real-name verified (the gate).</summary>
    internal static async Task<RealNameIdentity?> RealNameAsync(IPortalDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.RealNameVerifiedAtUtc, u.RealName, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (user?.RealNameVerifiedAtUtc is null)
        {
            return null;
        }
        var verification = await db.RealNameVerifications.AsNoTracking()
            .Where(v => v.OwnerUserId == userId && v.Status == RealNameStatus.Verified)
            .OrderByDescending(v => v.DecidedAtUtc).Select(v => new { v.Name, v.IdNumber }).FirstOrDefaultAsync(cancellationToken);
        var name = user.RealName ?? verification?.Name;
        return string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(verification?.IdNumber) ? null : new RealNameIdentity(name, verification.IdNumber);
    }

    internal static bool ValidYears(int years) => years is >= 1 and <= MaxYears;
}
