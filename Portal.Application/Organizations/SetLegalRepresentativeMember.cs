using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>Links a member as the organization's legal representative (owner).</summary>
public sealed class SetLegalRepresentativeMember(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, DomainEvents events)
{
    public async Task<Result> ExecuteAsync(Guid membershipId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (member is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        var org = await db.Organizations.FirstAsync(o => o.Id == member.OrganizationId, cancellationToken);
        var oldUserId = org.LegalRepresentativeUserId;
        org.LegalRepresentativeUserId = member.UserId;
        if (oldUserId is not null && oldUserId != member.UserId)
        {
            await events.PublishAsync(db, new LegalRepresentativeChanged(org.Id, org.LegalRepresentativeName, org.LegalRepresentativeName,
                oldUserId, member.UserId), cancellationToken);
        }
        org.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, "organization.legal-representative.link", member.Id.ToString(), AuditOutcome.Success,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
