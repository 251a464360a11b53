using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>The registrant enters the amount received; right: 已认证; wrong: says how many attempts remain (owner).</summary>
public sealed class ConfirmMicroDeposit(WriteUnit unit, CertificationSteps steps)
{
    public Task<Result> ExecuteAsync(Guid organizationId, string amountYuan, CancellationToken cancellationToken = default)
    {
        if (MicroDepositRules.ParseYuan(amountYuan) is not { } fen)
        {
            return Task.FromResult(Result.Fail(Errors.MicroDepositAmountInvalid));
        }
        return unit.RunAsync(Write.InOrganization(organizationId, OrgRoles.Owner), async w =>
        {
            var org = await w.Db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
            if (org.Status != OrganizationStatus.Certifying || org.Channel != CertificationChannel.MicroDeposit)
            {
                return Result.Fail(Errors.OrganizationNotCertifying);
            }
            var deposit = await w.Db.MicroDeposits.Where(d => d.Status == MicroDepositStatus.Paid)
                .OrderByDescending(d => d.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
            if (deposit is null)
            {
                return Result.Fail(Errors.MicroDepositNotPaid);
            }
            var error = MicroDepositRules.Attempt(deposit, fen, w.Now);
            if (error is null && await steps.CertifyAsync(w.Db, org, cancellationToken) is { } taken)
            {
                return w.Refuse(taken, AuditActions.OrganizationCertifyMicroDepositConfirm, org.Id.ToString(), taken.Code);
            }
            if (error is null)
            {
                w.Audit(AuditActions.OrganizationCertifyMicroDepositConfirm, org.Id.ToString());
                return Result.Ok();
            }
            // A wrong attempt is committed too: the attempt count must survive the refusal.
            w.Audit(AuditActions.OrganizationCertifyMicroDepositConfirm, org.Id.ToString(), error.ToString(), AuditOutcome.Refused);
            return w.Keep(error);
        }, cancellationToken);
    }
}
