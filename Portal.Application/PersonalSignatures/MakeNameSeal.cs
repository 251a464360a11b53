using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Certificates;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Seals;

namespace Portal.Application.PersonalSignatures;

/// <summary>
/// 生成人名章: a name seal from the signed-in user's verified real name (the seal-face template of a 人名章). Refused without
/// real-name verification (the page links to /personal/realname) and while a live name seal exists (delete it first).
/// </summary>
public sealed class MakeNameSeal(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<PersonalSignatureView>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<PersonalSignatureView>.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var identity = await PersonalCertificateSteps.RealNameAsync(db, userId, cancellationToken);
        var refusal = identity is null ? new PortalError(Errors.SignatureRealNameRequired)
            : await PersonalSignatureRules.Live(db, userId).AnyAsync(s => s.Kind == PersonalSignatureKind.NameSeal, cancellationToken)
                ? new PortalError(Errors.NameSealExists)
                : await PersonalSignatureRules.Live(db, userId).CountAsync(cancellationToken) >= PersonalSignatureRules.MaxSignatures
                    ? new PortalError(Errors.SignatureLimit, PersonalSignatureRules.MaxSignatures)
                    : null;
        if (refusal is not null)
        {
            await audit.AppendAsync(db, "signature.personal.name-seal", userId.ToString(), AuditOutcome.Refused, refusal.Code,
                cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return refusal;
        }
        var name = identity!.Name.Trim();
        var signature = new PersonalSignature
        {
            Id = Guid.NewGuid(),
            OwnerUserId = userId,
            Kind = PersonalSignatureKind.NameSeal,
            Name = name.Length <= PersonalSignature.MaxNameLength ? name : name[..PersonalSignature.MaxNameLength],
            FaceSpecJson = SealFaces.PersonalName(name).ToJson(),
            IsDefault = await PersonalSignatureRules.IsFirstAsync(db, userId, cancellationToken),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.PersonalSignatures.Add(signature);
        await audit.AppendAsync(db, "signature.personal.name-seal", signature.Id.ToString(), AuditOutcome.Success, signature.Name,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return PersonalSignatureRules.View(signature);
    }

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
