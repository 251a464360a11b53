using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Seals;

namespace Portal.Application.Signing;

/// <summary>A seal on the signing page: whether the engine allows the caller to use it now, and if not, why and what to do.</summary>
public sealed record UsableSeal(Guid SealId, string Name, SealType Type, SealStatus Status, bool Allowed, PortalError? Refusal,
    bool NeedsUseApproval, double WidthMm, double HeightMm);

/// <summary>
/// The seals of the current organization with the engine's decision for the caller (no document yet): allowed ones can be
/// placed, denied ones show the reason. The decisions are audited as one event.
/// </summary>
public sealed class ListUsableSeals(IPortalDbContextFactory dbFactory, Access access, SealUsePolicy policy, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<UsableSeal>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        List<UsableSeal> result = [];
        Guid orgId;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
            if (!me.Succeeded)
            {
                return me.Error!;
            }
            orgId = me.Value!.OrganizationId;
            var seals = await db.Seals.AsNoTracking()
                .Where(s => s.Type != SealType.Name && (s.Status == SealStatus.Active || s.Status == SealStatus.Voided))
                .OrderBy(s => s.Status).ThenBy(s => s.Type).ThenBy(s => s.Name).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var seal in seals)
            {
                var d = await policy.DecideAsync(db, me.Value.UserId, seal.Id, null, now, cancellationToken);
                result.Add(Describe(seal, d));
            }
        }
        if (result.Count > 0)
        {
            await audit.RecordAsync(dbFactory, AuditActions.SealUseCheck, "seals", AuditOutcome.Success,
                string.Join("; ", result.Select(r => $"{r.SealId}:{(r.Allowed ? "allow" : r.Refusal!.Code)}")), orgId, cancellationToken);
        }
        return result;
    }

    /// <summary>A seal with the engine's decision, sized from its face (40 mm when scanned or unknown).</summary>
    public static UsableSeal Describe(Seal seal, SealUseDecision decision)
    {
        var design = seal.FaceSource == SealFaceSource.Template ? SealFaceDesign.FromJson(seal.FaceSpecJson) : null;
        var width = design?.WidthMm ?? 40;
        return new UsableSeal(seal.Id, seal.Name, seal.Type, seal.Status, decision.Allowed, decision.Refusal, decision.NeedsUseApproval,
            width, design?.HeightMm ?? width);
    }
}
