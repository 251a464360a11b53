using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>What linking a legal representative did.</summary>
public enum LegalRepresentativeLink
{
    /// <summary>The member is the registered legal representative (verified name and ID number): linked.</summary>
    Linked = 1,

    /// <summary>
    /// The member is verified as someone else than the registered legal representative: an information change naming them (their
    /// verified name and ID number) went to the platform's review; approving it makes them the legal representative.
    /// </summary>
    SentToReview = 2,
}

/// <summary>
/// Links a member as the organization's legal representative (owner). Only the person the organization names: the member's
/// verified real-name identity must be the registered legal representative's name and ID number. A member verified as another
/// person goes to the platform's review as an information change (a new legal representative); an unverified one is refused.
/// </summary>
public sealed class SetLegalRepresentativeMember(WriteUnit unit, DomainEvents events)
{
    public const string ReviewReason = "关联成员为法定代表人：其实名身份与单位登记的法定代表人不一致";

    public Task<Result<LegalRepresentativeLink>> ExecuteAsync(Guid membershipId, CancellationToken cancellationToken = default) =>
        unit.RunAsync<LegalRepresentativeLink>(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var member = await w.Db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
            if (member is null)
            {
                return Result<LegalRepresentativeLink>.Fail(Errors.NotFound);
            }
            var org = await w.Db.Organizations.FirstAsync(o => o.Id == member.OrganizationId, cancellationToken);
            var identity = await RealName.VerifiedIdentity.OfAsync(w.Db, member.UserId, cancellationToken);
            if (identity is null)
            {
                return w.Refuse(new PortalError(Errors.LegalRepresentativeIdentityMismatch), AuditActions.OrganizationLegalRepresentativeLink,
                    member.Id.ToString());
            }
            if (!identity.IsLegalRepresentativeOf(org))
            {
                // Not a refusal: the platform decides whether this person is now the legal representative (once per person).
                var pending = await w.Db.PlatformReviewRequests.AnyAsync(r => r.Kind == PlatformReviewKind.InformationChange
                    && r.Status == RequestStatus.Pending && r.NewLegalRepresentativeIdNumber == identity.IdNumber, cancellationToken);
                if (!pending)
                {
                    var row = new PlatformReviewRequest
                    {
                        Id = Guid.NewGuid(),
                        OrganizationId = org.Id,
                        Kind = PlatformReviewKind.InformationChange,
                        RequestedByUserId = w.UserId!.Value,
                        NewLegalRepresentativeName = identity.Name,
                        NewLegalRepresentativeIdNumber = identity.IdNumber,
                        Reason = ReviewReason,
                        Status = RequestStatus.Pending,
                        CreatedAtUtc = w.Now,
                    };
                    w.Db.PlatformReviewRequests.Add(row);
                    w.Audit(AuditActions.OrganizationInformationChangeRequest, row.Id.ToString(), ReviewReason, organizationId: org.Id);
                }
                return LegalRepresentativeLink.SentToReview;
            }
            var oldUserId = org.LegalRepresentativeUserId;
            org.LegalRepresentativeUserId = member.UserId;
            if (oldUserId is not null && oldUserId != member.UserId)
            {
                await events.PublishAsync(w.Db, new LegalRepresentativeChanged(org.Id, org.LegalRepresentativeName, org.LegalRepresentativeName,
                    oldUserId, member.UserId), cancellationToken);
            }
            w.Audit(AuditActions.OrganizationLegalRepresentativeLink, member.Id.ToString());
            return LegalRepresentativeLink.Linked;
        }, cancellationToken);
}
