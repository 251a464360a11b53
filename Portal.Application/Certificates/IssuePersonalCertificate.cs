using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>
/// 申请个人证书: a hosted certificate for the signed-in user, valid for 1–3 years from now. Refused without
/// real-name verification (the page links to /personal/realname) and while an active one exists (renew it).
/// </summary>
public sealed class IssuePersonalCertificate(PersonalCertificateSteps steps, ICurrentUser currentUser)
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
        return steps.RunAsync(userId, (current, _, now) => current is not null
            ? Result<CertificatePlan>.Fail(Errors.PersonalCertificateExists)
            : new CertificatePlan(null, type, now.AddYears(years), null, CertificateInstallKind.FirstDownload, CertificateOperationKind.Issue, null,
                CountsReissue: false, AuditActions.CertificatePersonalIssue), cancellationToken);
    }
}
