using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record CreateOrganizationRequest(
    string Name, string Uscc, OrganizationType Type, string LegalRepresentativeName, string LegalRepresentativeIdNumber,
    bool RegistrantIsLegalRepresentative, string Address = "", bool IsMainland = true,
    CertificateCustody Custody = CertificateCustody.Hosted);

/// <summary>
/// 创建单位: the caller creates an organization as a draft and becomes its owner; uploads and a
/// certification channel follow (see Certification). It is not a space until certified. A registrant who says they are the
/// legal representative must be real-name verified as that person (name and ID number).
/// </summary>
public sealed class CreateOrganization(WriteUnit unit)
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

    public Task<Result<Guid>> ExecuteAsync(CreateOrganizationRequest request, CancellationToken cancellationToken = default)
    {
        return unit.RunAsync(Write.AsUser(), async w =>
        {
            // The input is judged after the caller (an anonymous caller learns nothing from a validation message).
            if (Validate(request) is { } invalid)
            {
                return invalid;
            }
            var userId = w.UserId!.Value;
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
                CreatedAtUtc = w.Now,
            };
            var user = await w.Db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
            // "I am the legal representative" links the registrant only when their verified identity is that person.
            if (request.RegistrantIsLegalRepresentative
                && await RealName.VerifiedIdentity.RequireLegalRepresentativeAsync(w.Db, userId, org, cancellationToken) is { } mismatch)
            {
                return mismatch;
            }
            w.Db.Organizations.Add(org);
            w.Db.Memberships.Add(new Membership
            {
                Id = Guid.NewGuid(),
                OrganizationId = org.Id,
                UserId = userId,
                Name = request.RegistrantIsLegalRepresentative ? org.LegalRepresentativeName : user.DisplayName,
                Roles = OrgRoles.Owner,
                JoinedAtUtc = w.Now,
            });
            w.Audit(AuditActions.OrganizationCreate, org.Id.ToString(), org.Name, organizationId: org.Id);
            return Result<Guid>.Ok(org.Id);
        }, cancellationToken);
    }
}
