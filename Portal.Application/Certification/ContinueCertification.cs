using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>继续: a withdrawn or rejected certification goes back to draft, its data kept (owner).</summary>
public sealed class ContinueCertification(CertificationSteps steps, AuditTrail audit)
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
        if (org.Status is not (OrganizationStatus.Withdrawn or OrganizationStatus.Rejected))
        {
            return Result.Fail(Errors.CannotContinue);
        }
        org.Status = OrganizationStatus.Draft;
        org.Channel = CertificationChannel.None;
        org.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, "organization.certify.continue", org.Id.ToString(), AuditOutcome.Success,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
