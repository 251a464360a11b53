using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>撤销: stops a running certification (owner); refused while the platform admins review it.</summary>
public sealed class WithdrawCertification(CertificationSteps steps, AuditTrail audit)
{
    public async Task<Result> ExecuteAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = steps.Open(organizationId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var owned = await steps.OwnedAsync(db, cancellationToken);
        if (!owned.Succeeded)
        {
            return owned.Error!;
        }
        var org = owned.Value!;
        if (org.AwaitingPlatformReview)
        {
            return Result.Fail(Errors.WithdrawRefusedUnderReview);
        }
        if (org.Status is not (OrganizationStatus.Draft or OrganizationStatus.Certifying))
        {
            return Result.Fail(Errors.OrganizationNotCertifying);
        }
        org.Status = OrganizationStatus.Withdrawn;
        org.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, "organization.certify.withdraw", org.Id.ToString(), AuditOutcome.Success,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
