using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record CreateOrganizationRequest(
    string Name, string Uscc, OrganizationType Type, string LegalRepresentativeName, string LegalRepresentativeIdNumber,
    bool RegistrantIsLegalRepresentative);

/// <summary>创建单位: the caller creates an organization (as a draft awaiting certification) and becomes its owner.</summary>
public sealed class CreateOrganization(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    public static PortalError? Validate(CreateOrganizationRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 100)
        {
            return new PortalError(Errors.NameRequired);
        }
        if (!Checksums.IsValidUscc(r.Uscc?.Trim().ToUpperInvariant()))
        {
            return new PortalError(Errors.UsccInvalid);
        }
        if (string.IsNullOrWhiteSpace(r.LegalRepresentativeName))
        {
            return new PortalError(Errors.NameRequired);
        }
        if (!Checksums.IsValidIdNumber(r.LegalRepresentativeIdNumber?.Trim()))
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
            Status = OrganizationStatus.Certifying,
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

/// <summary>Manual certification review by a platform admin (人工审核): certify or reject.</summary>
public sealed class ReviewCertification(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit)
{
    public async Task<Result> ExecuteAsync(Guid organizationId, bool approve, string? reason, CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed;
        }
        await using var db = dbFactory.CreateForScope(organizationId, null);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (org is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        org.Status = approve ? OrganizationStatus.Certified : OrganizationStatus.Rejected;
        org.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, approve ? "organization.certify" : "organization.reject", org.Id.ToString(),
            AuditOutcome.Success, reason, org.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
