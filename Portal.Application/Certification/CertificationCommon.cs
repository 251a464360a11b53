using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Certification;

/// <summary>
/// Steps the certification commands share. An organization under certification is not yet a space the
/// owner can switch to, so these commands scope a context to it explicitly and re-check ownership.
/// </summary>
public sealed class CertificationSteps(DomainEvents events, WriteUnit unit, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// One change to an owned organization in its own write transaction: <paramref name="change"/> returns a
    /// refusal (nothing is written) or null, and then the change is audited as <paramref name="action"/> and committed.
    /// </summary>
    public Task<Result> ChangeOwnedAsync(Guid organizationId, string action, Func<Organization, PortalError?> change,
        CancellationToken cancellationToken) =>
        unit.RunAsync(Write.InOrganization(organizationId, OrgRoles.Owner), async w =>
        {
            var org = await w.Db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
            if (change(org) is { } refused)
            {
                return refused;
            }
            w.Audit(action, organizationId.ToString());
            return Result.Ok();
        }, cancellationToken);

    /// <summary>A channel may start from a draft, or switch while certifying (unless waiting for platform review).</summary>
    public static PortalError? CanStart(Organization org, CertificationChannel channel)
    {
        if (org.Status is not (OrganizationStatus.Draft or OrganizationStatus.Certifying) || org.AwaitingPlatformReview)
        {
            return new PortalError(Errors.OrganizationNotDraft);
        }
        if (!org.IsMainland && channel != CertificationChannel.ManualReview)
        {
            return new PortalError(Errors.NonMainlandManualReviewOnly);
        }
        if (org.BusinessLicenseFile is null)
        {
            return new PortalError(Errors.BusinessLicenseRequired);
        }
        if (org.LegalRepresentativeUserId is null && org.AuthorizationLetterFile is null)
        {
            return new PortalError(Errors.AuthorizationLetterRequired);
        }
        return null;
    }

    public static void Start(Organization org, CertificationChannel channel)
    {
        org.Status = OrganizationStatus.Certifying;
        org.Channel = channel;
        org.ReviewNote = null;
    }

    /// <summary>
    /// The certified organization that already holds <paramref name="org"/>'s USCC, if any. An automatic channel (micro-deposit,
    /// legal-representative SMS) never certifies a second organization with it: a takeover goes to the platform's manual review
    /// with proof. Reads across tenants on purpose (the USCC is the identity being claimed).
    /// </summary>
    public static Task<Organization?> CertifiedHolderOfUsccAsync(IPortalDbContext db, Organization org, CancellationToken cancellationToken) =>
        db.Organizations.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(o => o.Uscc == org.Uscc && o.Id != org.Id && o.Status == OrganizationStatus.Certified, cancellationToken);

    /// <summary><see cref="CanStart"/> plus the checks that need the database: an automatic channel refuses a USCC certified elsewhere.</summary>
    public static async Task<PortalError?> CanStartAsync(IPortalDbContext db, Organization org, CertificationChannel channel,
        CancellationToken cancellationToken)
    {
        if (CanStart(org, channel) is { } refused)
        {
            return refused;
        }
        return channel != CertificationChannel.ManualReview && await CertifiedHolderOfUsccAsync(db, org, cancellationToken) is not null
            ? new PortalError(Errors.UsccAlreadyCertified) : null;
    }

    /// <summary>
    /// 已认证: raises <see cref="OrganizationCertified"/> in the same unit of work. Refused (nothing changed) when an automatic
    /// channel would certify a USCC that another organization holds meanwhile; the platform's manual review may (a takeover).
    /// </summary>
    public async Task<PortalError?> CertifyAsync(IPortalDbContext db, Organization org, CancellationToken cancellationToken)
    {
        if (org.Channel != CertificationChannel.ManualReview && await CertifiedHolderOfUsccAsync(db, org, cancellationToken) is not null)
        {
            return new PortalError(Errors.UsccAlreadyCertified);
        }
        org.Status = OrganizationStatus.Certified;
        org.AwaitingPlatformReview = false;
        org.CertifiedAtUtc = Now;
        await events.PublishAsync(db, new OrganizationCertified(org.Id, org.Name, org.Uscc), cancellationToken);
        return null;
    }
}
