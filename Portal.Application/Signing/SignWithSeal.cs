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
/// 单方用印 — THE one path to a signature. Nothing slow runs under the write lock (docs/adr/0014-signing-outside-the-write-lock.md): the document is inspected
/// and the willingness proof checked first (its own unit: wrong tries count); then, under the lock, the policy decision
/// (grant, seal, membership, window, limits, approval; a refusal audited) — the reservation is that decision, no row; then,
/// outside the lock, the PDF engine stamps and signs with the seal's pool key (timestamped) and the signed PDF is stored;
/// then, under the lock again, the whole decision is taken again and only if it still allows this use with the same key
/// are the ledger entry, the consumed approval and the audit committed. Revoking, voiding and removing take the same lock,
/// so nothing revoked before that commit yields a signature; a refused re-check is audited and the stored file deleted.
/// A personal signature takes the same path with the person's policy: real-name verified, their own live signature, a current
/// personal certificate (issued on the first personal signing) and the same willingness proof; it signs with the personal
/// certificate's pool key and is recorded in the certificate's operation records (操作记录).
/// </summary>
public sealed class SignWithSeal(WriteUnit unit, IPortalDbContextFactory dbFactory, ICurrentUser currentUser, WillingnessVerifier willingness,
    SealUsePolicy policy, IDocumentSigner signer, IFileStore files, PersonalCertificates personalCertificates,
    IssuePersonalCertificate issuePersonalCertificate)
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

        // Decide (and so reserve) under the lock.
        var reserved = await unit.RunAsync<(SealUseDecision Decision, string OrgName)>(Write.InSpace(), async w =>
        {
            var decision = await policy.DecideAsync(w.Db, userId, command.SealId, document, w.Now, cancellationToken);
            if (!decision.Allowed)
            {
                return w.Refuse(decision.Refusal!, AuditActions.SealUse, command.SealId.ToString(),
                    $"{decision.Basis}; document {name} sha256 {document.Sha256}");
            }
            var orgName = await w.Db.Organizations.Where(o => o.Id == decision.Seal!.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
            return (decision, orgName);
        }, cancellationToken);
        if (!reserved.Succeeded)
        {
            return reserved.Error!;
        }
        var (decided, organizationName) = reserved.Value;
        var seal = decided.Seal!;
        var who = Write.InOrganization(seal.OrganizationId);

        // Stamp, sign and store outside it.
        var face = await FaceAsync(seal, cancellationToken);
        var signed = await signer.SignAsync(new DocumentSignRequest(command.Pdf, seal.KeyId, seal.CertificateDer, face, command.Stamps,
            $"{organizationName} {seal.Name}", $"{decided.Member!.Name} 用印"), cancellationToken);
        if (!signed.Succeeded)
        {
            return await RecordFailureAsync(who, signed.Error!, AuditActions.SealUse, seal.Id.ToString(), $"{signed.Error}; document {name}",
                cancellationToken);
        }
        var pdf = signed.Value!;
        var key = await files.SaveAsync(new MemoryStream(pdf.Pdf), name, cancellationToken);
        var committed = false;
        try
        {
            // Decide again under the lock and record only what is still allowed, with the key that signed.
            var recorded = await unit.RunAsync<SignedDocument>(who, async w =>
            {
                var decision = await policy.DecideAsync(w.Db, userId, seal.Id, document, w.Now, cancellationToken);
                if (decision.Allowed && !SameKey(decision.Seal!, seal))
                {
                    // The seal's key or certificate changed while the document was signed with the old one.
                    decision = SealUseDecision.Deny(new PortalError(Errors.Concurrency));
                }
                if (!decision.Allowed)
                {
                    return w.Refuse(decision.Refusal!, AuditActions.SealUse, seal.Id.ToString(),
                        $"{decision.Basis}; document {name} sha256 {document.Sha256}; signed outside the lock, discarded");
                }
                var member = decision.Member!;
                var usage = new SealUsage
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = seal.OrganizationId,
                    SealId = seal.Id,
                    SealName = decision.Seal!.Name,
                    UserId = userId,
                    UserName = member.Name,
                    DepartmentId = member.DepartmentId,
                    DocumentName = name,
                    DocumentSha256 = document.Sha256,
                    SignedSha256 = DocumentHash.Of(pdf.Pdf),
                    SignedFileKey = key,
                    Pages = string.Join(",", pdf.StampedPages.Distinct().Order()),
                    StampCount = pdf.StampCount,
                    SignedAtUtc = w.Now,
                    IpAddress = currentUser.IpAddress,
                    Decision = decision.Basis,
                    GrantId = decision.GrantId,
                    UseRequestId = decision.UseRequestId,
                };
                w.Db.SealUsages.Add(usage);
                if (decision.UseRequestId is { } requestId)
                {
                    var request = await w.Db.SealUseRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
                    request.UsedAtUtc = w.Now;
                }
                w.Audit(AuditActions.SealUse, seal.Id.ToString(), $"{decision.Basis}; document {name} sha256 {document.Sha256}; pages {usage.Pages}");
                return new SignedDocument(usage.Id, SignedName(name), pdf.Pdf, pdf.StampedPages);
            }, cancellationToken);
            committed = recorded.Succeeded;
            return recorded;
        }
        finally
        {
            // Never keep a signature whose unit did not commit. (Not IfNotCommitted: a unit refused at its caller re-check —
            // membership removed meanwhile — ends before its work runs, so nothing the work queued would run.)
            if (!committed)
            {
                await files.DeleteAsync(key, CancellationToken.None);
            }
        }
    }

    private async Task<Result<SignedDocument>> SignPersonallyAsync(Guid userId, Guid signatureId, SignWithSealCommand command,
        SealUseDocument document, string name, CancellationToken cancellationToken)
    {
        // First personal signing: the certificate is issued now (the CA writes its own records, so outside the write lock) —
        // only for the user's own live signature; everything is checked again in the write units.
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

        var who = Write.AsUser();
        var refusedDetail = (PortalError refusal) => $"{refusal}; document {name} sha256 {document.Sha256}";
        var reserved = await unit.RunAsync<PersonalBasis>(who, async w =>
        {
            var basis = await DecidePersonallyAsync(w.Db, userId, signatureId, w.Now, cancellationToken);
            return basis.Succeeded ? basis
                : w.Refuse(basis.Error!, AuditActions.SignaturePersonalUse, signatureId.ToString(), refusedDetail(basis.Error!));
        }, cancellationToken);
        if (!reserved.Succeeded)
        {
            return reserved.Error!;
        }
        var (signature, certificate, signerName) = reserved.Value!;
        var face = await PersonalSignatureRules.FaceAsync(signature, files, cancellationToken);
        if (!face.Succeeded)
        {
            return await RecordFailureAsync(who, face.Error!, AuditActions.SignaturePersonalUse, signatureId.ToString(), refusedDetail(face.Error!),
                cancellationToken, AuditOutcome.Refused);
        }
        var signed = await signer.SignAsync(new DocumentSignRequest(command.Pdf, certificate.KeyId, certificate.CertificateDer, face.Value!,
            command.Stamps, signerName, $"{signerName} 签署"), cancellationToken);
        if (!signed.Succeeded)
        {
            return await RecordFailureAsync(who, signed.Error!, AuditActions.SignaturePersonalUse, signatureId.ToString(),
                $"{signed.Error}; document {name}", cancellationToken);
        }
        var pdf = signed.Value!;
        return await unit.RunAsync<SignedDocument>(who, async w =>
        {
            var again = await DecidePersonallyAsync(w.Db, userId, signatureId, w.Now, cancellationToken);
            var refusal = again.Error ?? (again.Value!.Certificate.Id != certificate.Id ? new PortalError(Errors.Concurrency) : null);
            if (refusal is not null)
            {
                return w.Refuse(refusal, AuditActions.SignaturePersonalUse, signatureId.ToString(), refusedDetail(refusal) + "; signed outside the lock, discarded");
            }
            var pagesText = string.Join(",", pdf.StampedPages.Distinct().Order());
            personalCertificates.RecordOperation(w.Db, userId, CertificateSource.Hosted, certificate.SerialNumber, CertificateOperationKind.Sign,
                $"{name} · {again.Value!.Signature.Name} · {pagesText}");
            w.Audit(AuditActions.SignaturePersonalUse, signatureId.ToString(),
                $"certificate {certificate.SerialNumber}; document {name} sha256 {document.Sha256}; signed sha256 {DocumentHash.Of(pdf.Pdf)}; pages {pagesText}");
            return new SignedDocument(null, SignedName(name), pdf.Pdf, pdf.StampedPages);
        }, cancellationToken);
    }

    /// <summary>What a personal signature rests on: the person's own live signature, their current certificate, their real name.</summary>
    private sealed record PersonalBasis(PersonalSignature Signature, PersonalCertificate Certificate, string SignerName);

    private static async Task<Result<PersonalBasis>> DecidePersonallyAsync(IPortalDbContext db, Guid userId, Guid signatureId, DateTime now,
        CancellationToken cancellationToken)
    {
        var identity = await PersonalCertificateSteps.RealNameAsync(db, userId, cancellationToken);
        var signature = await db.PersonalSignatures.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == signatureId && s.OwnerUserId == userId && s.DeletedAtUtc == null, cancellationToken);
        var certificate = await db.PersonalCertificates.AsNoTracking().FirstOrDefaultAsync(c => c.ActiveOwnerUserId == userId, cancellationToken);
        var refusal = signature is null ? new PortalError(Errors.SignatureNotFound)
            : identity is null ? new PortalError(Errors.SignatureRealNameRequired)
            : certificate is null ? new PortalError(Errors.NoPersonalCertificate)
            : certificate.NotAfterUtc <= now ? new PortalError(Errors.PersonalCertificateExpired, certificate.NotAfterUtc.ToString("yyyy-MM-dd"))
            : null;
        return refusal ?? Result<PersonalBasis>.Ok(new PersonalBasis(signature!, certificate!, identity!.Name));
    }

    private static bool SameKey(Seal now, Seal signedWith) =>
        now.KeyId == signedWith.KeyId && now.CertificateDer.AsSpan().SequenceEqual(signedWith.CertificateDer);

    /// <summary>A failure after the decision (the engine refused, a face missing) recorded in its own unit.</summary>
    private Task<Result<SignedDocument>> RecordFailureAsync(Write who, PortalError error, string action, string target, string detail,
        CancellationToken cancellationToken, AuditOutcome outcome = AuditOutcome.Failed) =>
        unit.RunAsync<SignedDocument>(who, w => Task.FromResult<Result<SignedDocument>>(w.Refuse(error, action, target, detail, outcome)),
            cancellationToken);

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
