using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Application.Policies;

namespace Portal.Application.Signing;

/// <summary>
/// The document a use is for: its hash and the canonical placements (per-use approvals bind to both) — or, inside a signing
/// task, the task and document (<paramref name="TaskDocumentKey"/>) and the placements, since the hash changes with every
/// other participant's signature.
/// </summary>
public sealed record SealUseDocument(string Sha256, string Placements, string? TaskDocumentKey = null);

/// <summary>
/// The engine's answer to "may U use S on D now?": allowed (with the grant and, under 用印审批, the approval it rests on) or
/// refused with a reason that says what to do. <see cref="NeedsUseApproval"/> tells the page to offer a use request.
/// </summary>
public sealed record SealUseDecision(bool Allowed, PortalError? Refusal, Seal? Seal, Membership? Member, Guid? GrantId,
    Guid? UseRequestId, bool NeedsUseApproval, string Basis)
{
    public static SealUseDecision Deny(PortalError refusal, Seal? seal = null, Membership? member = null, bool needsApproval = false) =>
        new(false, refusal, seal, member, null, null, needsApproval, refusal.ToString());
}

/// <summary>
/// 用印策略引擎: the one place that decides a seal use. Checks, in order: signing available, the seal exists here, the
/// user is a member and real-name verified, the organization's custody (UKey organizations cannot sign server-side yet),
/// the seal's status (voided: by the policy's voiding behaviour), its certificate, the grant in force, the allowed
/// weekdays and hours (organization time zone), uses per user per day (from the ledger), and the per-use approval for
/// exactly this document and placements. Runs when the user stamps and again inside the signing unit of work.
/// </summary>
public sealed class SealUsePolicy(IDocumentSigner signer)
{
    public async Task<SealUseDecision> DecideAsync(IPortalDbContext db, Guid userId, Guid sealId, SealUseDocument? document, DateTime nowUtc,
        CancellationToken cancellationToken = default)
    {
        // The tenant first: another organization's seal is not found, whether or not this instance can sign at all.
        var seal = await db.Seals.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sealId, cancellationToken);
        if (seal is null || seal.OrganizationId != db.ScopeOrganizationId)
        {
            return SealUseDecision.Deny(new PortalError(Errors.NotFound));
        }
        if (!signer.IsAvailable)
        {
            return SealUseDecision.Deny(new PortalError(Errors.SigningUnavailable));
        }
        var member = await db.Memberships.AsNoTracking()
            .FirstOrDefaultAsync(m => m.UserId == userId && m.OrganizationId == seal.OrganizationId, cancellationToken);
        if (member is null)
        {
            return SealUseDecision.Deny(new PortalError(Errors.NotAMember), seal);
        }
        var verified = await db.Users.Where(u => u.Id == userId).Select(u => u.RealNameVerifiedAtUtc).FirstOrDefaultAsync(cancellationToken);
        if (verified is null)
        {
            return SealUseDecision.Deny(new PortalError(Errors.SealUseRealNameRequired), seal, member);
        }
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == seal.OrganizationId, cancellationToken);
        if (org.Custody != CertificateCustody.Hosted)
        {
            return SealUseDecision.Deny(new PortalError(Errors.SealUseUKeyCustody), seal, member);
        }
        if (!seal.IsOrganizationSeal)
        {
            return SealUseDecision.Deny(new PortalError(Errors.SealTypeNotSupported), seal, member);
        }
        var rule = await SealPolicies.EffectiveRuleAsync(db, seal, cancellationToken);
        switch (seal.Status)
        {
            case SealStatus.PendingReview or SealStatus.Rejected:
                return SealUseDecision.Deny(new PortalError(Errors.SealUseNotActive, seal.Name), seal, member);
            case SealStatus.Voided when rule.VoidingBehaviour == VoidingBehaviour.StopAtVoiding:
                return SealUseDecision.Deny(new PortalError(Errors.SealUseVoided, seal.Name, seal.VoidReason ?? ""), seal, member);
            case SealStatus.Voided when member.Has(OrgRoles.Owner) || member.Has(OrgRoles.SealAdmin):
                // Seed 001: after voiding the admin can no longer use it; holders finish with their grants.
                return SealUseDecision.Deny(new PortalError(Errors.SealUseVoidedAdmin, seal.Name), seal, member);
        }
        if (seal.CertificateRevokedAtUtc is not null)
        {
            return SealUseDecision.Deny(new PortalError(Errors.SealUseVoided, seal.Name, seal.VoidReason ?? ""), seal, member);
        }
        if (seal.CertificateNotAfterUtc <= nowUtc)
        {
            return SealUseDecision.Deny(new PortalError(Errors.SealUseCertificateExpired, seal.Name), seal, member);
        }
        var grant = await SealGrants.ActiveGrantForAsync(db, userId, seal.Id, nowUtc, cancellationToken);
        if (grant is null || (seal.Status == SealStatus.Voided && seal.VoidedAtUtc is { } voided && grant.GrantedAtUtc > voided))
        {
            var grantors = await NamesWithAsync(db, seal.OrganizationId, rule.GrantRoles, cancellationToken);
            return SealUseDecision.Deny(new PortalError(Errors.SealUseNoGrant, seal.Name, grantors), seal, member);
        }
        var zone = GrantWindows.Zone(org.TimeZoneId);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone);
        if (!rule.AllowedWeekdays.HasFlag(WeekdayFlag(local.DayOfWeek)))
        {
            return SealUseDecision.Deny(new PortalError(Errors.SealUseWeekday, seal.Name), seal, member);
        }
        var from = rule.AllowedFromHour ?? 0;
        var to = rule.AllowedToHour ?? 24;
        if (local.Hour < from || local.Hour >= to)
        {
            return SealUseDecision.Deny(new PortalError(Errors.SealUseOutsideHours, seal.Name, from, to), seal, member);
        }
        if (rule.MaxUsesPerUserPerDay is { } max)
        {
            var dayStartUtc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local.Date, DateTimeKind.Unspecified), zone);
            var used = await db.SealUsages.CountAsync(u => u.SealId == seal.Id && u.UserId == userId && u.SignedAtUtc >= dayStartUtc, cancellationToken);
            if (used >= max)
            {
                return SealUseDecision.Deny(new PortalError(Errors.SealUseDailyLimit, seal.Name, max), seal, member);
            }
        }
        Guid? useRequestId = null;
        if (rule.RequiresUseApproval)
        {
            if (document is null)
            {
                // Allowed in principle: the page must get this document's use approved first.
                return new SealUseDecision(true, null, seal, member, grant.Id, null, true, "grant:" + grant.Id + " approval-needed");
            }
            var candidates = db.SealUseRequests.AsNoTracking()
                .Where(r => r.SealId == seal.Id && r.ApplicantUserId == userId && r.UsedAtUtc == null
                    && (r.Status == RequestStatus.Approved || r.Status == RequestStatus.Pending));
            var requests = await (document.TaskDocumentKey is { } taskKey
                ? candidates.Where(r => r.TaskDocumentKey == taskKey)
                : candidates.Where(r => r.TaskDocumentKey == null && r.DocumentSha256 == document.Sha256)).ToListAsync(cancellationToken);
            var approved = requests.FirstOrDefault(r => r.Status == RequestStatus.Approved && r.Placements == document.Placements);
            if (approved is null)
            {
                if (requests.Any(r => r.Status == RequestStatus.Pending && r.Placements == document.Placements))
                {
                    return SealUseDecision.Deny(new PortalError(Errors.SealUseApprovalPending, seal.Name), seal, member, needsApproval: true);
                }
                var approvers = await NamesWithAsync(db, seal.OrganizationId, rule.UseApproverRoles, cancellationToken);
                return SealUseDecision.Deny(new PortalError(Errors.SealUseApprovalRequired, seal.Name, approvers), seal, member, needsApproval: true);
            }
            useRequestId = approved.Id;
        }
        var basis = "grant:" + grant.Id + (useRequestId is { } id ? " use-request:" + id : "")
            + (seal.Status == SealStatus.Voided ? " voided-keep-until-revoked" : "");
        return new SealUseDecision(true, null, seal, member, grant.Id, useRequestId, rule.RequiresUseApproval, basis);
    }

    /// <summary>The names of the members holding one of <paramref name="roles"/> (who to ask), joined for a message.</summary>
    public static async Task<string> NamesWithAsync(IPortalDbContext db, Guid organizationId, OrgRoles roles, CancellationToken cancellationToken)
    {
        var names = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && (roles == OrgRoles.Member || (m.Roles & roles) != 0))
            .OrderBy(m => m.JoinedAtUtc).Select(m => m.Name).Take(5).ToListAsync(cancellationToken);
        return string.Join("、", names);
    }

    private static AllowedWeekdays WeekdayFlag(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => AllowedWeekdays.Monday,
        DayOfWeek.Tuesday => AllowedWeekdays.Tuesday,
        DayOfWeek.Wednesday => AllowedWeekdays.Wednesday,
        DayOfWeek.Thursday => AllowedWeekdays.Thursday,
        DayOfWeek.Friday => AllowedWeekdays.Friday,
        DayOfWeek.Saturday => AllowedWeekdays.Saturday,
        _ => AllowedWeekdays.Sunday,
    };
}
