using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>
/// A platform admin decides an organization request. Approving an information change applies it and raises
/// <see cref="OrganizationIdentityChanged"/> / <see cref="LegalRepresentativeChanged"/> in the same unit of work;
/// approving an owner claim makes the applicant owner and the old owner a member. The applicant is told by SMS.
/// </summary>
public sealed class DecidePlatformReview(WriteUnit unit, DomainEvents events, SmsNotifier sms, ISpaceAccessNotifier notifier)
{
    public static Result<InformationDelta> DeltaOf(Organization org, PlatformReviewRequest r) =>
        InformationChanges.Compare(org, r.NewName, r.NewUscc, r.NewLegalRepresentativeName, r.NewLegalRepresentativeIdNumber);

    public async Task<Result> ExecuteAsync(Guid requestId, bool approve, string? reason, CancellationToken cancellationToken = default)
    {
        var found = await unit.ReadAsync(Write.AsPlatform(PlatformRoles.PlatformAdmin), async r =>
        {
            // Checked after the platform role, as before.
            if ((!approve && string.IsNullOrWhiteSpace(reason)) || reason is { Length: > 500 })
            {
                return Result<Guid>.Fail(Errors.ReasonRequired);
            }
            var organizationId = await r.Db.PlatformReviewRequests.IgnoreQueryFilters().Where(x => x.Id == requestId)
                .Select(x => (Guid?)x.OrganizationId).FirstOrDefaultAsync(cancellationToken);
            return organizationId is { } id ? id : Result<Guid>.Fail(Errors.NotFound);
        }, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }
        var organizationId = found.Value;
        // The decision runs scoped to the request's own organization.
        return await unit.RunAsync(Write.AsPlatform(PlatformRoles.PlatformAdmin, organizationId), async w =>
        {
            var request = await w.Db.PlatformReviewRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
            if (request.Status != RequestStatus.Pending)
            {
                return Result.Fail(Errors.RequestNotPending);
            }
            var org = await w.Db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
            var changedAccess = new List<Guid>();
            if (approve)
            {
                var applied = request.Kind == PlatformReviewKind.InformationChange
                    ? await ApplyInformationChangeAsync(w.Db, org, request, cancellationToken)
                    : await ApplyOwnerClaimAsync(w.Db, request, changedAccess, cancellationToken);
                if (applied is { } refused)
                {
                    return refused;
                }
            }
            request.Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
            request.DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            request.DecidedAtUtc = w.Now;
            var informationChange = request.Kind == PlatformReviewKind.InformationChange;
            var action = informationChange
                ? approve ? AuditActions.OrganizationInformationChangeApprove : AuditActions.OrganizationInformationChangeReject
                : approve ? AuditActions.OrganizationOwnerClaimApprove : AuditActions.OrganizationOwnerClaimReject;
            w.Audit(action, request.Id.ToString(), reason, organizationId: organizationId);
            var phone = await w.Db.Users.Where(u => u.Id == request.RequestedByUserId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
            // The organization's name as decided (an approved information change has just renamed it).
            var orgName = org.Name;
            w.AfterCommit(async () =>
            {
                foreach (var userId in changedAccess)
                {
                    notifier.AccessChanged(userId, organizationId);
                }
                if (phone is not null)
                {
                    await sms.SendAsync(phone, approve
                        ? informationChange ? SmsMessages.InformationChangeApproved(orgName) : SmsMessages.OwnerApplicationApproved(orgName)
                        : informationChange ? SmsMessages.InformationChangeRejected(orgName, reason!.Trim()) : SmsMessages.OwnerApplicationRejected(orgName, reason!.Trim()),
                        cancellationToken);
                }
            });
            return Result.Ok();
        }, cancellationToken);
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
