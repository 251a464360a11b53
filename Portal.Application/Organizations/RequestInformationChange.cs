using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>单位信息变更: new name, USCC and/or legal representative (blank: unchanged), why, and the proof.</summary>
public sealed record InformationChangeRequest(string? NewName, string? NewUscc, string? NewLegalRepresentativeName,
    string? NewLegalRepresentativeIdNumber, string? Reason, UploadedFile? Proof);

/// <summary>The owner submits an information change to the platform review queue; it applies only on approval.</summary>
public sealed class RequestInformationChange(WriteUnit unit, IFileStore files)
{
    public Task<Result<Guid>> ExecuteAsync(InformationChangeRequest request, CancellationToken cancellationToken = default)
    {
        return unit.RunAsync(Write.InSpace(OrgRoles.Owner),
            async () =>
            {
                // The input is judged after the caller (an anonymous caller learns nothing from a validation message).
                if (request.Reason is { Length: > 500 })
                {
                    return Result<string>.Fail(Errors.ReasonRequired);
                }
                if (request.Proof is not { } proof)
                {
                    return Result<string>.Fail(Errors.ProofRequired);
                }
                if (Uploads.Check(proof.FileName, proof.Content.LongLength) is { } badFile)
                {
                    return badFile;
                }
                // Refuse before storing the proof; the same checks run again under the lock.
                var allowed = await unit.ReadAsync(Write.InSpace(OrgRoles.Owner), r => CheckAsync(r.Db, request, cancellationToken),
                    cancellationToken);
                if (!allowed.Succeeded)
                {
                    return allowed.Error!;
                }
                return Result<string>.Ok(await files.SaveAsync(new MemoryStream(proof.Content), proof.FileName, cancellationToken));
            },
            async (w, key) =>
            {
                w.IfNotCommitted(() => files.DeleteAsync(key));
                var check = await CheckAsync(w.Db, request, cancellationToken);
                if (!check.Succeeded)
                {
                    return check.Error!;
                }
                var org = check.Value!;
                var delta = InformationChanges.Compare(org, request.NewName, request.NewUscc, request.NewLegalRepresentativeName,
                    request.NewLegalRepresentativeIdNumber).Value!;
                var row = new PlatformReviewRequest
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = org.Id,
                    Kind = PlatformReviewKind.InformationChange,
                    RequestedByUserId = w.UserId!.Value,
                    NewName = delta.Name,
                    NewUscc = delta.Uscc,
                    NewLegalRepresentativeName = delta.LegalRepresentativeName,
                    NewLegalRepresentativeIdNumber = delta.LegalRepresentativeIdNumber,
                    Reason = request.Reason?.Trim() ?? "",
                    ProofFile = key,
                    Status = RequestStatus.Pending,
                    CreatedAtUtc = w.Now,
                };
                w.Db.PlatformReviewRequests.Add(row);
                w.Audit(AuditActions.OrganizationInformationChangeRequest, row.Id.ToString(), organizationId: org.Id);
                return Result<Guid>.Ok(row.Id);
            }, cancellationToken);
    }

    /// <summary>A certified organization, a real change, and no other change waiting for review.</summary>
    private static async Task<Result<Organization>> CheckAsync(IPortalDbContext db, InformationChangeRequest request,
        CancellationToken cancellationToken)
    {
        var org = await db.Organizations.FirstAsync(o => o.Id == db.ScopeOrganizationId, cancellationToken);
        if (org.Status != OrganizationStatus.Certified)
        {
            return Result<Organization>.Fail(Errors.OrganizationNotCertified);
        }
        var delta = InformationChanges.Compare(org, request.NewName, request.NewUscc, request.NewLegalRepresentativeName,
            request.NewLegalRepresentativeIdNumber);
        if (!delta.Succeeded)
        {
            return delta.Error!;
        }
        if (await db.PlatformReviewRequests.AnyAsync(r => r.Kind == PlatformReviewKind.InformationChange && r.Status == RequestStatus.Pending,
                cancellationToken))
        {
            return Result<Organization>.Fail(Errors.ReviewPending);
        }
        return org;
    }
}
