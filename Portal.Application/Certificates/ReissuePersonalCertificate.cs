using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>
/// 补发 (seed 001): a new key and certificate with the same type and end date; the old one is revoked (key
/// compromise when the user suspects one). Three reissues are free; past them a package must be bought first.
/// </summary>
public sealed class ReissuePersonalCertificate(PersonalCertificateSteps steps, ICurrentUser currentUser)
{
    public Task<Result<PersonalCertificateView>> ExecuteAsync(bool suspectedCompromise, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Task.FromResult(Result<PersonalCertificateView>.Fail(Errors.NotSignedIn));
        }
        return steps.RunAsync(userId, (current, allowance, now) =>
        {
            if (current is null)
            {
                return Result<CertificatePlan>.Fail(Errors.NoPersonalCertificate);
            }
            if (current.NotAfterUtc <= now)
            {
                return Result<CertificatePlan>.Fail(Errors.PersonalCertificateExpired, current.NotAfterUtc.ToString("yyyy-MM-dd"));
            }
            if (allowance.Remaining <= 0)
            {
                return Result<CertificatePlan>.Fail(Errors.ReissuesExhausted);
            }
            return new CertificatePlan(current, current.Type, current.NotAfterUtc, null, CertificateInstallKind.Reissue, CertificateOperationKind.Reissue,
                suspectedCompromise ? PersonalRevocationReason.KeyCompromise : PersonalRevocationReason.Superseded, CountsReissue: true,
                AuditActions.CertificatePersonalReissue);
        }, cancellationToken);
    }
}
