using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>The registrant enters the amount received; right: 已认证; wrong: says how many attempts remain (owner).</summary>
public sealed class ConfirmMicroDeposit(CertificationSteps steps, AuditTrail audit)
{
    public async Task<Result> ExecuteAsync(Guid organizationId, string amountYuan, CancellationToken cancellationToken = default)
    {
        if (MicroDepositRules.ParseYuan(amountYuan) is not { } fen)
        {
            return Result.Fail(Errors.MicroDepositAmountInvalid);
        }
        await using var db = steps.Open(organizationId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var owned = await steps.OwnedAsync(db, cancellationToken);
        if (!owned.Succeeded)
        {
            return owned.Error!;
        }
        var org = owned.Value!;
        if (org.Status != OrganizationStatus.Certifying || org.Channel != CertificationChannel.MicroDeposit)
        {
            return Result.Fail(Errors.OrganizationNotCertifying);
        }
        var deposit = await db.MicroDeposits.Where(d => d.Status == MicroDepositStatus.Paid)
            .OrderByDescending(d => d.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
        if (deposit is null)
        {
            return Result.Fail(Errors.MicroDepositNotPaid);
        }
        var error = MicroDepositRules.Attempt(deposit, fen, steps.Now);
        deposit.ConcurrencyStamp = Guid.NewGuid();
        if (error is null)
        {
            await steps.CertifyAsync(db, org, cancellationToken);
        }
        // A wrong attempt is committed too: the attempt count must survive the refusal.
        await audit.AppendAsync(db, "organization.certify.micro-deposit.confirm", org.Id.ToString(),
            error is null ? AuditOutcome.Success : AuditOutcome.Refused, error?.ToString(), cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return error is null ? Result.Ok() : error;
    }
}
