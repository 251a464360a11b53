using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>Links a member as the organization's legal representative (owner).</summary>
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
