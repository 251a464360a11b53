using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Spaces;

/// <summary>身份切换: makes an organization (or the personal space) current, remembered per user.</summary>
public sealed class SwitchSpace(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(Guid? organizationId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(organizationId is { } target ? Write.InOrganization(target) : Write.AsUser(), async w =>
        {
            if (organizationId is { } orgId
                && !await w.Db.Organizations.AnyAsync(o => o.Id == orgId && o.Status == OrganizationStatus.Certified, cancellationToken))
            {
                return Result.Fail(Errors.NotAMember);
            }
            var user = await w.Db.Users.FirstAsync(u => u.Id == w.UserId, cancellationToken);
            user.CurrentOrganizationId = organizationId;
            // Identity's own contexts may hold this user: make their stale copy fail instead of overwriting (a string stamp,
            // which SaveChanges does not bump).
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            w.Audit(AuditActions.SpaceSwitch, organizationId?.ToString() ?? "personal", organizationId: organizationId);
            return Result.Ok();
        }, cancellationToken);
}
