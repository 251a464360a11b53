using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>
/// 续期 (seed 001): the same type keeps the key and extends the validity from the current end date (from
/// today if it already ended) — 更新; another type is a new key and certificate valid from now, effective at
/// once, and the old certificate is revoked as superseded — 变更. The reissue counter does not change.
/// </summary>
public sealed class RenewPersonalCertificate(PersonalCertificateSteps steps, ICurrentUser currentUser)
{
    public Task<Result<PersonalCertificateView>> ExecuteAsync(PersonalCertificateType type, int years, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Task.FromResult(Result<PersonalCertificateView>.Fail(Errors.NotSignedIn));
        }
        if (!Enum.IsDefined(type) || !PersonalCertificateSteps.ValidYears(years))
        {
            return Task.FromResult(Result<PersonalCertificateView>.Fail(Errors.ValidityInvalid, PersonalCertificateSteps.MaxYears));
        }
        return steps.RunAsync(userId, (current, _, now) =>
        {
            if (current is null)
            {
                return Result<CertificatePlan>.Fail(Errors.NoPersonalCertificate);
            }
            if (current.Type == type)
            {
                var from = current.NotAfterUtc > now ? current.NotAfterUtc : now;
                return new CertificatePlan(current, type, from.AddYears(years), current.KeyId, CertificateInstallKind.Renewal,
                    CertificateOperationKind.Renew, null, CountsReissue: false, AuditActions.CertificatePersonalRenew);
            }
            return new CertificatePlan(current, type, now.AddYears(years), null, CertificateInstallKind.Change, CertificateOperationKind.Renew,
                PersonalRevocationReason.Superseded, CountsReissue: false, AuditActions.CertificatePersonalChange);
        }, cancellationToken);
    }
}
