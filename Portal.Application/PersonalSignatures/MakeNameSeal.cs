using Microsoft.EntityFrameworkCore;
using Portal.Application.Certificates;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Seals;

namespace Portal.Application.PersonalSignatures;

/// <summary>
/// 生成人名章: a name seal from the signed-in user's verified real name (the seal-face template of a 人名章). Refused without
/// real-name verification (the page links to /personal/realname) and while a live name seal exists (delete it first).
/// </summary>
public sealed class MakeNameSeal(WriteUnit unit, IPortalDbContextFactory dbFactory, ICurrentUser currentUser)
{
    public Task<Result<PersonalSignatureView>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsUser(), async w =>
        {
            var userId = w.UserId!.Value;
            var identity = await PersonalCertificateSteps.RealNameAsync(w.Db, userId, cancellationToken);
            var refusal = identity is null ? new PortalError(Errors.SignatureRealNameRequired)
                : await PersonalSignatureRules.Live(w.Db, userId).AnyAsync(s => s.Kind == PersonalSignatureKind.NameSeal, cancellationToken)
                    ? new PortalError(Errors.NameSealExists)
                    : await PersonalSignatureRules.Live(w.Db, userId).CountAsync(cancellationToken) >= PersonalSignatureRules.MaxSignatures
                        ? new PortalError(Errors.SignatureLimit, PersonalSignatureRules.MaxSignatures)
                        : null;
            if (refusal is not null)
            {
                return w.Refuse(refusal, AuditActions.SignaturePersonalNameSeal, userId.ToString(), refusal.Code);
            }
            var name = identity!.Name.Trim();
            var signature = new PersonalSignature
            {
                Id = Guid.NewGuid(),
                OwnerUserId = userId,
                Kind = PersonalSignatureKind.NameSeal,
                Name = name.Length <= PersonalSignature.MaxNameLength ? name : name[..PersonalSignature.MaxNameLength],
                FaceSpecJson = SealFaces.PersonalName(name).ToJson(),
                IsDefault = await PersonalSignatureRules.IsFirstAsync(w.Db, userId, cancellationToken),
                CreatedAtUtc = w.Now,
            };
            w.Db.PersonalSignatures.Add(signature);
            w.Audit(AuditActions.SignaturePersonalNameSeal, signature.Id.ToString(), signature.Name);
            return Result<PersonalSignatureView>.Ok(PersonalSignatureRules.View(signature));
        }, cancellationToken);

    /// <summary>The preview before making it: the face the user's verified name gives (nothing stored).</summary>
    public async Task<Result<SealFaceDesign>> PreviewAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<SealFaceDesign>.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        var identity = await PersonalCertificateSteps.RealNameAsync(db, userId, cancellationToken);
        return identity is null ? Result<SealFaceDesign>.Fail(Errors.SignatureRealNameRequired) : SealFaces.PersonalName(identity.Name.Trim());
    }
}
