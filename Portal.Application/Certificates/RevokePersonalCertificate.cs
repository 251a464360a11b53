using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>
/// 吊销: the owner revokes their active certificate with a reason; the platform CA revokes it first (CRL and
/// OCSP), then it stops being the user's signing certificate. A new one can be applied for afterwards.
/// </summary>
public sealed class RevokePersonalCertificate(WriteUnit unit, ICurrentUser currentUser, IPersonalCertificateAuthority ca)
{
    public Task<Result> ExecuteAsync(Guid certificateId, string? reason, bool keyCompromise, CancellationToken cancellationToken = default)
    {
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is { Length: > 500 })
        {
            why = why[..500];
        }
        return unit.RunAsync(Write.AsUser(),
            async () =>
            {
                if (why is null)
                {
                    return Result<string>.Fail(Errors.ReasonRequired);
                }
                var found = await unit.ReadAsync(Write.AsUser(), async r =>
                {
                    // The personal filter: another user's certificate is simply not found.
                    var certificate = await r.Db.PersonalCertificates.AsNoTracking()
                        .FirstOrDefaultAsync(c => c.Id == certificateId && c.Status == PersonalCertificateStatus.Active, cancellationToken);
                    return certificate is null ? Result<string>.Fail(Errors.NotFound) : certificate.SerialNumber;
                }, cancellationToken);
                if (!found.Succeeded)
                {
                    return found;
                }
                if (!ca.IsAvailable)
                {
                    return Result<string>.Fail(Errors.SigningUnavailable);
                }
                // The CA revokes first, outside the lock (CRL and OCSP are its own records).
                await ca.RevokeAsync(found.Value!, keyCompromise ? PersonalRevocationReason.KeyCompromise : PersonalRevocationReason.CessationOfOperation,
                    cancellationToken);
                return found;
            },
            async (w, serial) =>
            {
                var userId = w.UserId!.Value;
                var certificate = await w.Db.PersonalCertificates.FirstAsync(c => c.Id == certificateId, cancellationToken);
                certificate.Status = PersonalCertificateStatus.Revoked;
                certificate.ActiveOwnerUserId = null;
                certificate.RevokedAtUtc ??= w.Now;
                certificate.RevocationReason = why;
                w.Db.CertificateOperations.Add(PersonalCertificates.Operation(userId, CertificateSource.Hosted, serial, CertificateOperationKind.Revoke, why,
                    currentUser.IpAddress, w.Now));
                w.Audit(AuditActions.CertificatePersonalRevoke, serial, $"{(keyCompromise ? "keyCompromise" : "cessationOfOperation")} {why}");
                return Result.Ok();
            }, cancellationToken);
    }
}
