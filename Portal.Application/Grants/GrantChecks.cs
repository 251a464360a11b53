using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Grants;

internal static class GrantChecks
{
    /// <summary>Only active seals are granted; a 法定代表人章 only where the policy allows it.</summary>
    public static PortalError? Grantable(Seal seal, EffectiveSealRule rule) =>
        seal.Status != SealStatus.Active ? new PortalError(Errors.SealNotActive, seal.Name)
        : seal.Type == SealType.LegalRepresentative && !rule.LegalRepresentativeGrantable ? new PortalError(Errors.LegalRepresentativeSealNotGrantable)
        : null;

    public static SealGrant NewGrant(Seal seal, Guid? user, Guid? department, (DateTime StartUtc, DateTime? EndUtc) window, GrantSource source,
        Guid grantedBy, DateTime nowUtc) => new()
        {
            Id = Guid.NewGuid(),
            OrganizationId = seal.OrganizationId,
            SealId = seal.Id,
            GranteeUserId = user,
            GranteeDepartmentId = department,
            StartUtc = window.StartUtc,
            EndUtc = window.EndUtc,
            Status = GrantStatus.Active,
            Source = source,
            GrantedByUserId = grantedBy,
            GrantedAtUtc = nowUtc,
        };
}
