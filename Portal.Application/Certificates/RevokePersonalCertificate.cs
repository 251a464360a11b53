using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>
/// 吊销: the owner revokes their active certificate with a reason; the platform CA revokes it first (CRL and
/// OCSP), then it stops being the user's signing certificate. A new one can be applied for afterwards.
/// </summary>
public sealed class RevokePersonalCertificate(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, IPersonalCertificateAuthority ca,
    AuditTrail audit, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid certificateId, string? reason, bool keyCompromise, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is null)
        {
            return Result.Fail(Errors.ReasonRequired);
        }
        if (reason.Length > 500)
        {
            reason = reason[..500];
        }
        string serial;
        await using (var db = dbFactory.CreateForScope(null, userId))
        {
            // The personal filter: another user's certificate is simply not found.
            var certificate = await db.PersonalCertificates.AsNoTracking()
                .FirstOrDefaultAsync(c => c.Id == certificateId && c.Status == PersonalCertificateStatus.Active, cancellationToken);
            if (certificate is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            serial = certificate.SerialNumber;
        }
        if (!ca.IsAvailable)
        {
            return Result.Fail(Errors.SigningUnavailable);
        }
        await ca.RevokeAsync(serial, keyCompromise ? PersonalRevocationReason.KeyCompromise : PersonalRevocationReason.CessationOfOperation,
            cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = dbFactory.CreateForScope(null, userId))
        {
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            var certificate = await db.PersonalCertificates.FirstAsync(c => c.Id == certificateId, cancellationToken);
            certificate.Status = PersonalCertificateStatus.Revoked;
            certificate.ActiveOwnerUserId = null;
            certificate.RevokedAtUtc ??= now;
            certificate.RevocationReason = reason;
            certificate.ConcurrencyStamp = Guid.NewGuid();
            db.CertificateOperations.Add(PersonalCertificates.Operation(userId, CertificateSource.Hosted, serial, CertificateOperationKind.Revoke, reason,
                currentUser.IpAddress, now));
            await audit.AppendAsync(db, "certificate.personal.revoke", serial, AuditOutcome.Success,
                $"{(keyCompromise ? "keyCompromise" : "cessationOfOperation")} {reason}", cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        return Result.Ok();
    }
}
