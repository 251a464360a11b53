using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Seals;

/// <summary>The checks every way of making a seal shares.</summary>
internal static class SealMaking
{
    public static async Task<Result<(Organization Org, Guid? ConsentUserId)>> CheckAsync(IPortalDbContext db, Membership me,
        ISealKeys keys, SealType type, string name, Guid? departmentId, CancellationToken ct)
    {
        var org = await db.Organizations.FirstAsync(o => o.Id == me.OrganizationId, ct);
        var rule = await SealPolicies.TypeRuleAsync(db, org.Id, type, ct);
        if (!EffectiveSealRule.Allows(rule.MakeRoles, me))
        {
            return new PortalError(Errors.SealPolicyForbids);
        }
        if (type == SealType.Name)
        {
            return new PortalError(Errors.SealTypeNotSupported);
        }
        if (org.Status != OrganizationStatus.Certified)
        {
            return new PortalError(Errors.OrganizationNotCertified);
        }
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return new PortalError(Errors.NameRequired);
        }
        if (departmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d, ct))
        {
            return new PortalError(Errors.DepartmentNotFound);
        }
        if (!keys.IsAvailable)
        {
            return new PortalError(Errors.SigningUnavailable);
        }
        Guid? consent = null;
        if (type == SealType.LegalRepresentative)
        {
            var consentResult = await LegalRepresentativeConsentAsync(db, org, me.UserId, ct);
            if (consentResult is null)
            {
                return new PortalError(Errors.LegalRepresentativeConsentRequired, org.LegalRepresentativeName);
            }
            consent = consentResult;
        }
        return (org, consent);
    }

    /// <summary>The legal representative whose consent covers a new 法定代表人章 made by <paramref name="makerUserId"/>, or null.</summary>
    public static async Task<Guid?> LegalRepresentativeConsentAsync(IPortalDbContext db, Organization org, Guid makerUserId, CancellationToken ct)
    {
        if (org.LegalRepresentativeUserId is not { } rep)
        {
            return null;
        }
        if (rep == makerUserId)
        {
            return rep;
        }
        var given = await db.LegalRepresentativeSealConsents
            .AnyAsync(c => c.OrganizationId == org.Id && c.UserId == rep && c.WithdrawnAtUtc == null, ct);
        return given ? rep : null;
    }

    public static PortalError? CheckDesign(SealFaceDesign d) =>
        d.WidthMm is < 10 or > 80 || d.HeightMm is < 5 or > 80 || (d.ArcText?.Length ?? 0) > 40 || (d.CenterText?.Length ?? 0) > 20
            || (d.BottomCode?.Length ?? 0) > 20 || !System.Text.RegularExpressions.Regex.IsMatch(d.Color ?? "", "^#[0-9A-Fa-f]{6}$")
            || (string.IsNullOrWhiteSpace(d.ArcText) && string.IsNullOrWhiteSpace(d.CenterText))
            ? new PortalError(Errors.SealFaceInvalid) : null;
}
