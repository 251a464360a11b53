using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Seals;

/// <summary>
/// 制作单位印章 from a template face (the PDF engine draws it); active at once, with its own key (generated before the write
/// lock) and certificate.
/// </summary>
public sealed class MakeSeal(WriteUnit unit, ISealKeys keys)
{
    /// <param name="design">The face; null takes the type's standard template.</param>
    public Task<Result<Guid>> ExecuteAsync(SealType type, string name, Guid? departmentId, SealFaceDesign? design,
        CancellationToken cancellationToken = default) =>
        PregeneratedSealKey.RunAsync(unit, Write.InSpace(), keys,
            async (w, key) =>
            {
                var ready = await SealMaking.CheckAsync(w.Db, w.Me!, keys, type, name, departmentId, cancellationToken);
                if (!ready.Succeeded)
                {
                    return ready.Error!;
                }
                var (org, consentUserId) = ready.Value;
                design ??= SealFaces.Template(type, org.Name, org.LegalRepresentativeName);
                if (SealMaking.CheckDesign(design) is { } bad)
                {
                    return bad;
                }
                await SealPolicies.EnsureAsync(w.Db, org.Id, w.Now, cancellationToken);
                var seal = await SealLifecycle.CreateAsync(w.Db, keys, org,
                    new SealLifecycle.NewSeal(type, name, departmentId, SealFaceSource.Template, design.ToJson(), null, SealStatus.Active, consentUserId),
                    w.Me!.UserId, w.Now, cancellationToken, key.Take());
                w.Audit(AuditActions.SealMake, seal.Id.ToString(), $"{type} {seal.Name}");
                return Result<Guid>.Ok(seal.Id);
            }, cancellationToken);
}
