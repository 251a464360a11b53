using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Grants;

public sealed record GrantRequestStepRow(int Order, ApprovalStepKind Kind, GrantRequestStepStatus Status, string? DecidedByName,
    DateTime? DecidedAtUtc, string? Reason);

public sealed record GrantRequestRow(Guid Id, Guid SealId, string SealName, string ApplicantName, DateTime StartUtc, DateTime? EndUtc,
    string Reason, RequestStatus Status, DateTime CreatedAtUtc, DateTime? DecidedAtUtc, IReadOnlyList<GrantRequestStepRow> Steps,
    bool CanDecide);

/// <summary>Grant requests: mine (the applicant's view with every step's state), or those whose current step I may decide.</summary>
public sealed class ListGrantRequests(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<GrantRequestRow>>> MineAsync(CancellationToken cancellationToken = default) =>
        await ListAsync(mine: true, cancellationToken);

    public async Task<Result<IReadOnlyList<GrantRequestRow>>> ToDecideAsync(CancellationToken cancellationToken = default) =>
        await ListAsync(mine: false, cancellationToken);

    private async Task<Result<IReadOnlyList<GrantRequestRow>>> ListAsync(bool mine, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateAsync(ct);
        var me = await access.RequireAsync(db, OrgRoles.Member, ct);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        return (await Query(db, me.Value!, mine, ct)).ToList();
    }

    internal static async Task<IEnumerable<GrantRequestRow>> Query(IPortalDbContext db, Membership me, bool mine, CancellationToken ct)
    {
        var q = db.SealGrantRequests.AsNoTracking().Include(r => r.Steps).AsQueryable();
        q = mine ? q.Where(r => r.ApplicantUserId == me.UserId) : q.Where(r => r.Status == RequestStatus.Pending);
        var requests = await q.OrderByDescending(r => r.CreatedAtUtc).ToListAsync(ct);
        var sealIds = requests.Select(r => r.SealId).Distinct().ToList();
        var names = await db.Seals.AsNoTracking().Where(s => sealIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return requests
            .Select(r => (r, can: GrantRequestFlow.CurrentStep(r) is { } step && GrantRequestFlow.CanDecide(step, r, me)))
            .Where(x => mine || x.can)
            .Select(x => new GrantRequestRow(x.r.Id, x.r.SealId, names.GetValueOrDefault(x.r.SealId, ""), x.r.ApplicantName, x.r.StartUtc, x.r.EndUtc,
                x.r.Reason, x.r.Status, x.r.CreatedAtUtc, x.r.DecidedAtUtc,
                [.. x.r.Steps.OrderBy(s => s.Order).Select(s => new GrantRequestStepRow(s.Order, s.Kind, s.Status, s.DecidedByName, s.DecidedAtUtc, s.Reason))],
                x.can));
    }
}
