using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>
/// Links a member as the organization's legal representative (owner). Only the person the organization names: the member's
/// verified real-name identity must be the registered legal representative's name and ID number; a new legal representative
/// comes through the information change the platform reviews.
/// </summary>
public sealed class SetLegalRepresentativeMember(WriteUnit unit, DomainEvents events)
{
    public Task<Result> ExecuteAsync(Guid membershipId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var member = await w.Db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
            if (member is null)
            {
                return Result.Fail(Errors.NotFound);
            }
            var org = await w.Db.Organizations.FirstAsync(o => o.Id == member.OrganizationId, cancellationToken);
            if (await RealName.VerifiedIdentity.RequireLegalRepresentativeAsync(w.Db, member.UserId, org, cancellationToken) is { } mismatch)
            {
                return w.Refuse(mismatch, AuditActions.OrganizationLegalRepresentativeLink, member.Id.ToString());
            }
            var oldUserId = org.LegalRepresentativeUserId;
            org.LegalRepresentativeUserId = member.UserId;
            if (oldUserId is not null && oldUserId != member.UserId)
            {
                await events.PublishAsync(w.Db, new LegalRepresentativeChanged(org.Id, org.LegalRepresentativeName, org.LegalRepresentativeName,
                    oldUserId, member.UserId), cancellationToken);
            }
            w.Audit(AuditActions.OrganizationLegalRepresentativeLink, member.Id.ToString());
            return Result.Ok();
        }, cancellationToken);
}
