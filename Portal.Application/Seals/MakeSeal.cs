using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Seals;

/// <summary>制作单位印章 from a template face (the PDF engine draws it); active at once, with its own key and certificate.</summary>
public sealed class MakeSeal(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, ISealKeys keys, TimeProvider clock)
{
    /// <param name="design">The face; null takes the type's standard template.</param>
    public async Task<Result<Guid>> ExecuteAsync(SealType type, string name, Guid? departmentId, SealFaceDesign? design,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var ready = await SealMaking.CheckAsync(db, access, keys, type, name, departmentId, cancellationToken);
        if (!ready.Succeeded)
        {
            return ready.Error!;
        }
        var (me, org, consentUserId) = ready.Value;
        design ??= SealFaces.Template(type, org.Name, org.LegalRepresentativeName);
        if (SealMaking.CheckDesign(design) is { } bad)
        {
            return bad;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await SealPolicies.EnsureAsync(db, org.Id, now, cancellationToken);
        var seal = await SealLifecycle.CreateAsync(db, keys, org,
            new SealLifecycle.NewSeal(type, name, departmentId, SealFaceSource.Template, design.ToJson(), null, SealStatus.Active, consentUserId),
            me.UserId, now, cancellationToken);
        await audit.AppendAsync(db, "seal.make", seal.Id.ToString(), AuditOutcome.Success, $"{type} {seal.Name}", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return seal.Id;
    }
}
