using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>
/// A platform admin decides an organization request. Approving an information change applies it and raises
/// <see cref="OrganizationIdentityChanged"/> / <see cref="LegalRepresentativeChanged"/> in the same unit of work;
/// approving an owner claim makes the applicant owner and the old owner a member. The applicant is told by SMS.
/// </summary>
public sealed class DecidePlatformReview(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, DomainEvents events,
    TimeProvider clock, SmsNotifier sms, ISpaceAccessNotifier notifier)
{
    public static Result<InformationDelta> DeltaOf(Organization org, PlatformReviewRequest r) =>
        InformationChanges.Compare(org, r.NewName, r.NewUscc, r.NewLegalRepresentativeName, r.NewLegalRepresentativeIdNumber);

    public async Task<Result> ExecuteAsync(Guid requestId, bool approve, string? reason, CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed;
        }
        if ((!approve && string.IsNullOrWhiteSpace(reason)) || reason is { Length: > 500 })
        {
            return Result.Fail(Errors.ReasonRequired);
        }
        Guid organizationId;
        await using (var probe = dbFactory.CreateForScope(null, null))
        {
            var found = await probe.PlatformReviewRequests.IgnoreQueryFilters().Where(r => r.Id == requestId)
                .Select(r => (Guid?)r.OrganizationId).FirstOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            organizationId = found.Value;
        }
        var changedAccess = new List<Guid>();
        string? phone;
        string orgName;
        PlatformReviewKind kind;
        await using (var db = dbFactory.CreateForScope(organizationId, null))
        {
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            var request = await db.PlatformReviewRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
            if (request.Status != RequestStatus.Pending)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            var org = await db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
            kind = request.Kind;
            if (approve)
            {
                var applied = request.Kind == PlatformReviewKind.InformationChange
                    ? await ApplyInformationChangeAsync(db, org, request, cancellationToken)
                    : await ApplyOwnerClaimAsync(db, request, changedAccess, cancellationToken);
                if (applied is { } refused)
                {
                    return refused;
                }
            }
            request.Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
            request.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            request.DecidedAtUtc = clock.GetUtcNow().UtcDateTime;
            request.ConcurrencyStamp = Guid.NewGuid();
            var action = request.Kind == PlatformReviewKind.InformationChange
                ? approve ? AuditActions.OrganizationInformationChangeApprove : AuditActions.OrganizationInformationChangeReject
                : approve ? AuditActions.OrganizationOwnerClaimApprove : AuditActions.OrganizationOwnerClaimReject;
            await audit.AppendAsync(db, action, request.Id.ToString(), AuditOutcome.Success, reason, organizationId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            phone = await db.Users.Where(u => u.Id == request.RequestedByUserId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
            orgName = org.Name;
        }
        foreach (var userId in changedAccess)
        {
            notifier.AccessChanged(userId, organizationId);
        }
        if (phone is not null)
        {
            var informationChange = kind == PlatformReviewKind.InformationChange;
            await sms.SendAsync(phone, approve
                ? informationChange ? SmsMessages.InformationChangeApproved(orgName) : SmsMessages.OwnerApplicationApproved(orgName)
                : informationChange ? SmsMessages.InformationChangeRejected(orgName, reason!.Trim()) : SmsMessages.OwnerApplicationRejected(orgName, reason!.Trim()),
                cancellationToken);
        }
        return Result.Ok();
    }

    private async Task<PortalError?> ApplyInformationChangeAsync(IPortalDbContext db, Organization org, PlatformReviewRequest request,
        CancellationToken cancellationToken)
    {
        // The organization may have changed since the request: what is left to change is applied, nothing is refused twice.
        var delta = DeltaOf(org, request);
        if (!delta.Succeeded)
        {
            return delta.Error;
        }
        await InformationChanges.ApplyAsync(db, events, org, delta.Value!, cancellationToken);
        return null;
    }

    private static async Task<PortalError?> ApplyOwnerClaimAsync(IPortalDbContext db, PlatformReviewRequest request, List<Guid> changedAccess,
        CancellationToken cancellationToken)
    {
        var members = await db.Memberships.ToListAsync(cancellationToken);
        var applicant = members.FirstOrDefault(m => m.UserId == request.RequestedByUserId);
        if (applicant is null)
        {
            return new PortalError(Errors.NotAMember);
        }
        if (applicant.Roles.HasFlag(OrgRoles.Owner))
        {
            return new PortalError(Errors.AlreadyOwner);
        }
        var owner = members.First(m => m.Roles.HasFlag(OrgRoles.Owner));
        OwnerRole.Move(owner, applicant);
        changedAccess.Add(owner.UserId);
        changedAccess.Add(applicant.UserId);
        return null;
    }
}
