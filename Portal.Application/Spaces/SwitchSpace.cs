using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Spaces;

/// <summary>身份切换: makes an organization (or the personal space) current, remembered per user.</summary>
public sealed class SwitchSpace(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit)
{
    public async Task<Result> ExecuteAsync(Guid? organizationId, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(organizationId, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        if (organizationId is { } orgId &&
            (!await db.Memberships.AnyAsync(m => m.UserId == userId && m.OrganizationId == orgId, cancellationToken) ||
             !await db.Organizations.AnyAsync(o => o.Id == orgId && o.Status == OrganizationStatus.Certified, cancellationToken)))
        {
            return Result.Fail(Errors.NotAMember);
        }
        var user = await db.Users.FirstAsync(u => u.Id == userId, cancellationToken);
        user.CurrentOrganizationId = organizationId;
        // Identity's own contexts may hold this user: make their stale copy fail instead of overwriting.
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await audit.AppendAsync(db, "space.switch", organizationId?.ToString() ?? "personal", AuditOutcome.Success,
            organizationId: organizationId, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
