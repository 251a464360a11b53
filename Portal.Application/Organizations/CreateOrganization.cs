using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record CreateOrganizationRequest(
    string Name, string Uscc, OrganizationType Type, string LegalRepresentativeName, string LegalRepresentativeIdNumber,
    bool RegistrantIsLegalRepresentative, string Address = "", bool IsMainland = true,
    CertificateCustody Custody = CertificateCustody.Hosted);

/// <summary>
/// 创建单位: the caller creates an organization as a draft and becomes its owner; uploads and a
/// certification channel follow (see Certification). It is not a space until certified.
/// </summary>
public sealed class CreateOrganization(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    public static PortalError? Validate(CreateOrganizationRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 100)
        {
            return new PortalError(Errors.NameRequired);
        }
        if (r.IsMainland ? !Checksums.IsValidUscc(r.Uscc?.Trim().ToUpperInvariant())
            : string.IsNullOrWhiteSpace(r.Uscc) || r.Uscc.Trim().Length > 18)
        {
            return new PortalError(Errors.UsccInvalid);
        }
        if (string.IsNullOrWhiteSpace(r.LegalRepresentativeName))
        {
            return new PortalError(Errors.NameRequired);
        }
        // Non-mainland legal representatives carry other identity documents: manual review checks them.
        if (r.IsMainland ? !Checksums.IsValidIdNumber(r.LegalRepresentativeIdNumber?.Trim())
            : string.IsNullOrWhiteSpace(r.LegalRepresentativeIdNumber) || r.LegalRepresentativeIdNumber.Trim().Length > 18)
        {
            return new PortalError(Errors.IdNumberInvalid);
        }
        return null;
    }

    public async Task<Result<Guid>> ExecuteAsync(CreateOrganizationRequest request, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<Guid>.Fail(Errors.NotSignedIn);
        }
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var org = new Organization
        {
            Id = Guid.NewGuid(),
            Name = request.Name.Trim(),
            Uscc = request.Uscc.Trim().ToUpperInvariant(),
            Type = request.Type,
            Status = OrganizationStatus.Draft,
            Address = (request.Address ?? "").Trim(),
            IsMainland = request.IsMainland,
            Custody = request.Custody,
            CreatedByUserId = userId,
            LegalRepresentativeName = request.LegalRepresentativeName.Trim(),
            LegalRepresentativeIdNumber = request.LegalRepresentativeIdNumber.Trim().ToUpperInvariant(),
            LegalRepresentativeUserId = request.RegistrantIsLegalRepresentative ? userId : null,
            CreatedAtUtc = now,
        };
        await using var db = dbFactory.CreateForScope(org.Id, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        db.Organizations.Add(org);
        db.Memberships.Add(new Membership
        {
            Id = Guid.NewGuid(),
            OrganizationId = org.Id,
            UserId = userId,
            Name = request.RegistrantIsLegalRepresentative ? org.LegalRepresentativeName : user.DisplayName,
            Roles = OrgRoles.Owner,
            JoinedAtUtc = now,
        });
        await audit.AppendAsync(db, "organization.create", org.Id.ToString(), AuditOutcome.Success, org.Name, org.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return org.Id;
    }
}
