using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>A user's verified real-name identity (the latest verified attempt), as other features compare it.</summary>
public sealed record VerifiedIdentity(string Name, string IdNumber)
{
    /// <summary>The user's verified identity, or null when they are not 已实名. Reads across scopes: the user is named.</summary>
    public static async Task<VerifiedIdentity?> OfAsync(IPortalDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var verified = await db.RealNameVerifications.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.OwnerUserId == userId && v.Status == RealNameStatus.Verified)
            .OrderByDescending(v => v.DecidedAtUtc)
            .Select(v => new { v.Name, v.IdNumber })
            .FirstOrDefaultAsync(cancellationToken);
        return verified is null ? null : new VerifiedIdentity(verified.Name, verified.IdNumber);
    }

    /// <summary>Is this the person named by the organization as its legal representative (name and ID number)?</summary>
    public bool IsLegalRepresentativeOf(Organization org) =>
        string.Equals(Name.Trim(), org.LegalRepresentativeName.Trim(), StringComparison.Ordinal)
        && string.Equals(RealNameRules.Normalize(IdNumber), RealNameRules.Normalize(org.LegalRepresentativeIdNumber), StringComparison.Ordinal);

    /// <summary>
    /// Refusal unless <paramref name="userId"/>'s verified identity is the organization's legal representative: linking a person
    /// as legal representative (and thereby letting them consent to a 法定代表人章) needs proof that they are that person.
    /// </summary>
    public static async Task<PortalError?> RequireLegalRepresentativeAsync(IPortalDbContext db, Guid userId, Organization org,
        CancellationToken cancellationToken)
    {
        var identity = await OfAsync(db, userId, cancellationToken);
        return identity is not null && identity.IsLegalRepresentativeOf(org) ? null : new PortalError(Errors.LegalRepresentativeIdentityMismatch);
    }
}
