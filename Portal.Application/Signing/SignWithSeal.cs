using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Certificates;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.PersonalSignatures;
using Portal.Application.SigningPins;

namespace Portal.Application.Signing;

/// <summary>
/// "User U signs PDF D with seal S at placements P, confirmed by willingness proof W." With <see cref="PersonalSignatureId"/>
/// set, U signs as a person with one of their own signatures (人名章 / 手写签名) and <see cref="SealId"/> is not used.
/// </summary>
public sealed record SignWithSealCommand(Guid SealId, string DocumentName, byte[] Pdf, IReadOnlyList<StampSpec> Stamps, WillingnessProof? Proof,
    Guid? PersonalSignatureId = null)
{
    /// <summary>Signing with one of the caller's personal signatures instead of an organization seal.</summary>
    public static SignWithSealCommand Personal(Guid signatureId, string documentName, byte[] pdf, IReadOnlyList<StampSpec> stamps,
        WillingnessProof? proof) => new(Guid.Empty, documentName, pdf, stamps, proof, signatureId);
}

/// <summary>
/// The signed document: the ledger entry (null for a personal signature, which is recorded in the personal certificate's
/// operation records), a download name and the bytes.
/// </summary>
public sealed record SignedDocument(Guid? UsageId, string FileName, byte[] Pdf, IReadOnlyList<int> Pages);

/// <summary>
/// 单方用印 — THE one path to a signature. Willingness is checked first (its own unit: wrong tries count). Then one
/// write-locked unit of work: the policy decision again (grant, seal, membership, window, limits, approval) → the PDF
/// engine stamps and signs with the seal's pool key (timestamped) → the signed PDF stored → ledger entry, approval
/// consumed, audit → commit. Revoking, voiding and removing take the same lock, so nothing revoked before the commit
/// yields a signature; if anything fails after the file was stored, the file is deleted.
/// A personal signature takes the same path with the person's policy: real-name verified, their own live signature, a current
/// personal certificate (issued on the first personal signing) and the same willingness proof; it signs with the personal
/// certificate's pool key and is recorded in the certificate's operation records (操作记录), in the same write-locked unit.
/// </summary>
public sealed class SignWithSeal(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, WillingnessVerifier willingness,
    SealUsePolicy policy, IDocumentSigner signer, IFileStore files, AuditTrail audit, TimeProvider clock,
    PersonalCertificates personalCertificates, IssuePersonalCertificate issuePersonalCertificate)
{
    /// <summary>Validity of a personal certificate issued on the first personal signing.</summary>
    public const int FirstSigningCertificateYears = 1;

    public async Task<Result<SignedDocument>> ExecuteAsync(SignWithSealCommand command, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<SignedDocument>.Fail(Errors.NotSignedIn);
        }
        var pages = signer.Inspect(command.Pdf);
        if (!pages.Succeeded)
        {
            return pages.Error!;
        }
        if (StampSpec.Check(command.Stamps, pages.Value) is { } badPlacement)
        {
            return badPlacement;
        }
        var willing = await willingness.VerifyAsync(command.Proof, cancellationToken);
        if (!willing.Succeeded)
        {
            return willing.Error!;
        }
        var document = new SealUseDocument(DocumentHash.Of(command.Pdf), StampSpec.Canonical(command.Stamps));
        var name = SafeName(command.DocumentName);
        if (command.PersonalSignatureId is { } signatureId)
        {
            return await SignPersonallyAsync(userId, signatureId, command, document, name, cancellationToken);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var decision = await policy.DecideAsync(db, userId, command.SealId, document, now, cancellationToken);
        if (!decision.Allowed)
        {
            await audit.AppendAsync(db, "seal.use", command.SealId.ToString(), AuditOutcome.Refused,
                $"{decision.Basis}; document {name} sha256 {document.Sha256}", cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return decision.Refusal!;
        }
        var seal = decision.Seal!;
        var member = decision.Member!;
        var face = await FaceAsync(seal, cancellationToken);
        var orgName = await db.Organizations.Where(o => o.Id == seal.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        var signed = await signer.SignAsync(new DocumentSignRequest(command.Pdf, seal.KeyId, seal.CertificateDer, face, command.Stamps,
            $"{orgName} {seal.Name}", $"{member.Name} 用印"), cancellationToken);
        if (!signed.Succeeded)
        {
            await audit.AppendAsync(db, "seal.use", seal.Id.ToString(), AuditOutcome.Failed, $"{signed.Error}; document {name}",
                cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return signed.Error!;
        }
        var pdf = signed.Value!;
        string? key = null;
        try
        {
            key = await files.SaveAsync(new MemoryStream(pdf.Pdf), name, cancellationToken);
            var usage = new SealUsage
            {
                Id = Guid.NewGuid(),
                OrganizationId = seal.OrganizationId,
                SealId = seal.Id,
                SealName = seal.Name,
                UserId = userId,
                UserName = member.Name,
                DepartmentId = member.DepartmentId,
                DocumentName = name,
                DocumentSha256 = document.Sha256,
                SignedSha256 = DocumentHash.Of(pdf.Pdf),
                SignedFileKey = key,
                Pages = string.Join(",", pdf.StampedPages.Distinct().Order()),
                StampCount = pdf.StampCount,
                SignedAtUtc = now,
                IpAddress = currentUser.IpAddress,
                Decision = decision.Basis,
                GrantId = decision.GrantId,
                UseRequestId = decision.UseRequestId,
            };
            db.SealUsages.Add(usage);
            if (decision.UseRequestId is { } requestId)
            {
                var request = await db.SealUseRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
                request.UsedAtUtc = now;
                request.ConcurrencyStamp = Guid.NewGuid();
            }
            await audit.AppendAsync(db, "seal.use", seal.Id.ToString(), AuditOutcome.Success,
                $"{decision.Basis}; document {name} sha256 {document.Sha256}; pages {usage.Pages}", cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return new SignedDocument(usage.Id, SignedName(name), pdf.Pdf, pdf.StampedPages);
        }
        catch
        {
            // Never keep a signature whose unit of work did not commit.
            if (key is not null)
            {
                await files.DeleteAsync(key, CancellationToken.None);
            }
            throw;
        }
    }

    private async Task<Result<SignedDocument>> SignPersonallyAsync(Guid userId, Guid signatureId, SignWithSealCommand command,
        SealUseDocument document, string name, CancellationToken cancellationToken)
    {
        // First personal signing: the certificate is issued now (the CA writes its own records, so outside the write lock) —
        // only for the user's own live signature; everything is checked again in the write unit.
        bool ownSignature;
        await using (var read = dbFactory.CreateForScope(null, userId))
        {
            ownSignature = await read.PersonalSignatures.AnyAsync(s => s.Id == signatureId && s.OwnerUserId == userId && s.DeletedAtUtc == null,
                cancellationToken);
        }
        var current = ownSignature ? await personalCertificates.GetCurrentAsync(userId, cancellationToken) : default;
        if (current.Error?.Code == Errors.NoPersonalCertificate)
        {
            var issued = await issuePersonalCertificate.ExecuteAsync(PersonalCertificateType.Standard, FirstSigningCertificateYears, cancellationToken);
            if (!issued.Succeeded && issued.Error!.Code != Errors.PersonalCertificateExists)
            {
                return Refused(issued.Error);
            }
        }

        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var identity = await PersonalCertificateSteps.RealNameAsync(db, userId, cancellationToken);
        var signature = await db.PersonalSignatures.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == signatureId && s.OwnerUserId == userId && s.DeletedAtUtc == null, cancellationToken);
        var certificate = await db.PersonalCertificates.AsNoTracking().FirstOrDefaultAsync(c => c.ActiveOwnerUserId == userId, cancellationToken);
        var refusal = signature is null ? new PortalError(Errors.SignatureNotFound)
            : identity is null ? new PortalError(Errors.SignatureRealNameRequired)
            : certificate is null ? new PortalError(Errors.NoPersonalCertificate)
            : certificate.NotAfterUtc <= now ? new PortalError(Errors.PersonalCertificateExpired, certificate.NotAfterUtc.ToString("yyyy-MM-dd"))
            : null;
        var face = refusal is null ? await PersonalSignatureRules.FaceAsync(signature!, files, cancellationToken) : default;
        refusal ??= face.Error;
        if (refusal is not null)
        {
            await audit.AppendAsync(db, "signature.personal.use", signatureId.ToString(), AuditOutcome.Refused,
                $"{refusal}; document {name} sha256 {document.Sha256}", cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return refusal;
        }
        var signed = await signer.SignAsync(new DocumentSignRequest(command.Pdf, certificate!.KeyId, certificate.CertificateDer, face.Value!,
            command.Stamps, identity!.Name, $"{identity.Name} 签署"), cancellationToken);
        if (!signed.Succeeded)
        {
            await audit.AppendAsync(db, "signature.personal.use", signatureId.ToString(), AuditOutcome.Failed, $"{signed.Error}; document {name}",
                cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return signed.Error!;
        }
        var pdf = signed.Value!;
        var pagesText = string.Join(",", pdf.StampedPages.Distinct().Order());
        personalCertificates.RecordOperation(db, userId, CertificateSource.Hosted, certificate.SerialNumber, CertificateOperationKind.Sign,
            $"{name} · {signature!.Name} · {pagesText}");
        await audit.AppendAsync(db, "signature.personal.use", signature.Id.ToString(), AuditOutcome.Success,
            $"certificate {certificate.SerialNumber}; document {name} sha256 {document.Sha256}; signed sha256 {DocumentHash.Of(pdf.Pdf)}; pages {pagesText}",
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new SignedDocument(null, SignedName(name), pdf.Pdf, pdf.StampedPages);
    }

    // The certificate gate's refusals, in the words of personal signing.
    private static PortalError Refused(PortalError error) =>
        error.Code == Errors.RealNameRequired ? new PortalError(Errors.SignatureRealNameRequired) : error;

    private async Task<SealFace> FaceAsync(Seal seal, CancellationToken cancellationToken)
    {
        if (seal.FaceSource != SealFaceSource.Scanned || seal.ImageFile is null)
        {
            return new SealFace(seal.FaceSpecJson, null);
        }
        await using var stream = await files.OpenAsync(seal.ImageFile, cancellationToken);
        if (stream is null)
        {
            return new SealFace(seal.FaceSpecJson, null);
        }
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return new SealFace(seal.FaceSpecJson, buffer.ToArray());
    }

    /// <summary>A document name fit for the ledger and a download (no folders, bounded, ends in .pdf).</summary>
    public static string SafeName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        foreach (var c in Path.GetInvalidFileNameChars())
        {
            name = name.Replace(c, '_');
        }
        if (name.Length == 0)
        {
            name = "document.pdf";
        }
        if (!name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            name += ".pdf";
        }
        return name.Length > 200 ? name[..196] + ".pdf" : name;
    }

    public static string SignedName(string name) => Path.GetFileNameWithoutExtension(name) + "-signed.pdf";
}
