using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>单位信息变更: new name, USCC and/or legal representative (blank: unchanged), why, and the proof.</summary>
public sealed record InformationChangeRequest(string? NewName, string? NewUscc, string? NewLegalRepresentativeName,
    string? NewLegalRepresentativeIdNumber, string? Reason, UploadedFile? Proof);

/// <summary>The owner submits an information change to the platform review queue; it applies only on approval.</summary>
public sealed class RequestInformationChange(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, Access access, IFileStore files,
    AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<Guid>> ExecuteAsync(InformationChangeRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Reason is { Length: > 500 })
        {
            return Result<Guid>.Fail(Errors.ReasonRequired);
        }
        if (request.Proof is null)
        {
            return Result<Guid>.Fail(Errors.ProofRequired);
        }
        if (Uploads.Check(request.Proof.FileName, request.Proof.Content.LongLength) is { } badFile)
        {
            return badFile;
        }
        await using (var probe = await dbFactory.CreateAsync(cancellationToken))
        {
            if (await CheckAsync(probe, request, cancellationToken) is { } refused)
            {
                return refused;
            }
        }
        var key = await files.SaveAsync(new MemoryStream(request.Proof.Content), request.Proof.FileName, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var check = await CheckAsync(db, request, cancellationToken);
        if (check is { } raced)
        {
            return raced;
        }
        var org = await db.Organizations.FirstAsync(o => o.Id == db.ScopeOrganizationId, cancellationToken);
        var delta = InformationChanges.Compare(org, request.NewName, request.NewUscc, request.NewLegalRepresentativeName,
            request.NewLegalRepresentativeIdNumber).Value!;
        var row = new PlatformReviewRequest
        {
            Id = Guid.NewGuid(),
            OrganizationId = org.Id,
            Kind = PlatformReviewKind.InformationChange,
            RequestedByUserId = currentUser.UserId!.Value,
            NewName = delta.Name,
            NewUscc = delta.Uscc,
            NewLegalRepresentativeName = delta.LegalRepresentativeName,
            NewLegalRepresentativeIdNumber = delta.LegalRepresentativeIdNumber,
            Reason = request.Reason?.Trim() ?? "",
            ProofFile = key,
            Status = RequestStatus.Pending,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.PlatformReviewRequests.Add(row);
        await audit.AppendAsync(db, "organization.information-change.request", row.Id.ToString(), AuditOutcome.Success,
            organizationId: org.Id, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return row.Id;
    }

    /// <summary>Owner of a certified organization, a real change, and no other change waiting for review.</summary>
    private async Task<PortalError?> CheckAsync(IPortalDbContext db, InformationChangeRequest request, CancellationToken cancellationToken)
    {
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error;
        }
        var org = await db.Organizations.FirstAsync(o => o.Id == db.ScopeOrganizationId, cancellationToken);
        if (org.Status != OrganizationStatus.Certified)
        {
            return new PortalError(Errors.OrganizationNotCertified);
        }
        var delta = InformationChanges.Compare(org, request.NewName, request.NewUscc, request.NewLegalRepresentativeName,
            request.NewLegalRepresentativeIdNumber);
        if (!delta.Succeeded)
        {
            return delta.Error;
        }
        if (await db.PlatformReviewRequests.AnyAsync(r => r.Kind == PlatformReviewKind.InformationChange && r.Status == RequestStatus.Pending,
                cancellationToken))
        {
            return new PortalError(Errors.ReviewPending);
        }
        return null;
    }
}
