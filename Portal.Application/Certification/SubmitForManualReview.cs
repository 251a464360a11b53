using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

/// <summary>人工审核: puts the organization in the platform admins' queue (owner; the only channel for non-mainland organizations).</summary>
public sealed class SubmitForManualReview(CertificationSteps steps, AuditTrail audit)
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
        if (CertificationSteps.CanStart(org, CertificationChannel.ManualReview) is { } refused)
        {
            return refused;
        }
        CertificationSteps.Start(org, CertificationChannel.ManualReview);
        org.AwaitingPlatformReview = true;
        await audit.AppendAsync(db, "organization.certify.manual.submit", org.Id.ToString(), AuditOutcome.Success,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
