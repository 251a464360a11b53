using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Certificates;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.PersonalSignatures;
using Portal.Application.SigningPins;
using Portal.Application.SigningTasks;

namespace Portal.Application.Signing;

/// <summary>
/// "User U signs PDF D with seal S at placements P, confirmed by willingness proof W." With <see cref="PersonalSignatureId"/>
/// set, U signs as a person with one of their own signatures (人名章 / 手写签名) and <see cref="SealId"/> is not used.
/// </summary>
/// With <see cref="Task"/> set, the document is the task document's current version (<see cref="Pdf"/> and
/// <see cref="DocumentName"/> are not used) and the signature becomes its next version.
public sealed record SignWithSealCommand(Guid SealId, string DocumentName, byte[] Pdf, IReadOnlyList<StampSpec> Stamps, WillingnessProof? Proof,
    Guid? PersonalSignatureId = null, TaskSigning? Task = null)
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
/// Inside a signing task (<see cref="SignWithSealCommand.Task"/>) the same units also check the caller's turn and options and
/// reserve the document's current version; the signed bytes become the next version only if that version is still current,
/// otherwise the signature is made again on the newer one (docs/adr/0020-signing-tasks.md). A per-use approval then binds to
/// the task, the document and the placements; the ledger and the audit name the task.
/// </summary>
public sealed class SignWithSeal(WriteUnit unit, IPortalDbContextFactory dbFactory, ICurrentUser currentUser, WillingnessVerifier willingness,
    SealUsePolicy policy, IDocumentSigner signer, IFileStore files, PersonalCertificates personalCertificates,
    IssuePersonalCertificate issuePersonalCertificate, TaskAccess taskAccess)
{
    /// <summary>Validity of a personal certificate issued on the first personal signing.</summary>
    public const int FirstSigningCertificateYears = 1;

    /// <summary>How often a task signature is made again because another participant's signature became current first.</summary>
    public const int MaxTaskAttempts = 5;

    public async Task<Result<SignedDocument>> ExecuteAsync(SignWithSealCommand command, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<SignedDocument>.Fail(Errors.NotSignedIn);
        }
        Write? taskScope = null;
        if (command.Task is { } inTask)
        {
            // The task's document is checked when its version is reserved; the task's space is the signing scope.
            var scope = await taskAccess.ScopeOfAsync(inTask.TaskId, cancellationToken);
            if (!scope.Succeeded)
            {
                return scope.Error!;
            }
            taskScope = scope.Value!;
            if (command.Stamps is not { Count: > 0 })
            {
                return Result<SignedDocument>.Fail(Errors.PlacementRequired);
            }
        }
        else
        {
            var pages = signer.Inspect(command.Pdf);
            if (!pages.Succeeded)
            {
                return pages.Error!;
            }
            if (StampSpec.Check(command.Stamps, pages.Value) is { } badPlacement)
            {
                return badPlacement;
            }
        }
        var willing = await willingness.VerifyAsync(command.Proof, cancellationToken);
        if (!willing.Succeeded)
        {
            return willing.Error!;
        }
        for (var attempt = 1; ; attempt++)
        {
            var result = command.PersonalSignatureId is { } signatureId
                ? await SignPersonallyAsync(userId, signatureId, command, taskScope, cancellationToken)
                : await SignWithOrganizationSealAsync(userId, command, taskScope, cancellationToken);
            // Inside a task another participant's signature became current first: sign again on the newer version.
            if (result.Error?.Code != Errors.TaskVersionChanged || attempt == MaxTaskAttempts)
            {
                return result;
            }
        }
    }

    /// <summary>The document to sign: the uploaded bytes, or the task document's version reserved under the lock.</summary>
    private sealed record Prepared(byte[] Pdf, string Name, SealUseDocument Document, TaskReservation? Reservation);

    private static SealUseDocument DocumentOf(SignWithSealCommand command) => command.Task is { } t
        ? new SealUseDocument("", StampSpec.Canonical(command.Stamps), t.ApprovalKey)
        : new SealUseDocument(DocumentHash.Of(command.Pdf), StampSpec.Canonical(command.Stamps));

    /// <summary>Reads a reserved task version and checks the placements against it (outside the lock).</summary>
    private async Task<Result<Prepared>> PrepareAsync(SignWithSealCommand command, TaskReservation? reservation, CancellationToken cancellationToken)
    {
        var document = DocumentOf(command);
        if (reservation is null)
        {
            return new Prepared(command.Pdf, SafeName(command.DocumentName), document, null);
        }
        await using var stream = await files.OpenAsync(reservation.FileKey, cancellationToken);
        if (stream is null)
        {
            return Result<Prepared>.Fail(Errors.NotFound);
        }
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var pdf = buffer.ToArray();
        var pages = signer.Inspect(pdf);
        if (!pages.Succeeded)
        {
            return pages.Error!;
        }
        if (StampSpec.Check(command.Stamps, pages.Value) is { } badPlacement)
        {
            return badPlacement;
        }
        return new Prepared(pdf, reservation.DocumentName, document with { Sha256 = reservation.Sha256 }, reservation);
    }

    private static string TaskDetail(TaskReservation? r) => r is null ? "" : $"; task {r.TaskNumber} document {r.DocumentName} v{r.Version}";

    private async Task<Result<SignedDocument>> SignWithOrganizationSealAsync(Guid userId, SignWithSealCommand command, Write? taskScope,
        CancellationToken cancellationToken)
    {
        var document = DocumentOf(command);
        var name = command.Task is null ? SafeName(command.DocumentName) : "";

        // Decide (and so reserve, with the task document's current version) under the lock.
        var reserved = await unit.RunAsync<(SealUseDecision Decision, string OrgName, TaskReservation? Reservation)>(taskScope ?? Write.InSpace(), async w =>
        {
            var decision = await policy.DecideAsync(w.Db, userId, command.SealId, document, w.Now, cancellationToken);
            if (!decision.Allowed)
            {
                return w.Refuse(decision.Refusal!, AuditActions.SealUse, command.SealId.ToString(),
                    $"{decision.Basis}; document {name} sha256 {document.Sha256}{(command.Task is { } t ? "; task " + t.TaskId : "")}");
            }
            TaskReservation? reservation = null;
            if (command.Task is { } inTask)
            {
                var r = await TaskSigningSteps.ReserveAsync(w, inTask, decision.Seal!.Type, personal: false, command.Stamps, cancellationToken);
                if (!r.Succeeded)
                {
                    return w.Refuse(r.Error!, AuditActions.TaskSign, inTask.TaskId.ToString(), $"{r.Error}; seal {decision.Seal.Name}");
                }
                reservation = r.Value;
            }
            var orgName = await w.Db.Organizations.Where(o => o.Id == decision.Seal!.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
            return (decision, orgName, reservation);
        }, cancellationToken);
        if (!reserved.Succeeded)
        {
            return reserved.Error!;
        }
        var (decided, organizationName, reservation) = reserved.Value;
        var prepared = await PrepareAsync(command, reservation, cancellationToken);
        if (!prepared.Succeeded)
        {
            return prepared.Error!;
        }
        (var pdfIn, name, document, _) = prepared.Value!;
        var seal = decided.Seal!;
        var who = taskScope ?? Write.InOrganization(seal.OrganizationId);

        // Stamp, sign and store outside it.
        var face = await FaceAsync(seal, cancellationToken);
        var signed = await signer.SignAsync(new DocumentSignRequest(pdfIn, seal.KeyId, seal.CertificateDer, face, command.Stamps,
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
                        $"{decision.Basis}; document {name} sha256 {document.Sha256}{TaskDetail(reservation)}; signed outside the lock, discarded");
                }
                var member = decision.Member!;
                var usageId = Guid.NewGuid();
                var signedSha256 = DocumentHash.Of(pdf.Pdf);
                if (reservation is not null)
                {
                    var version = await TaskSigningSteps.CommitAsync(w, reservation, key, signedSha256, usageId, $"{decision.Seal!.Name}",
                        currentUser.IpAddress, cancellationToken);
                    if (version.Error?.Code == Errors.TaskVersionChanged)
                    {
                        return version.Error;
                    }
                    if (!version.Succeeded)
                    {
                        return w.Refuse(version.Error!, AuditActions.TaskSign, reservation.TaskId.ToString(),
                            $"{version.Error}; seal {seal.Name}{TaskDetail(reservation)}; signed outside the lock, discarded");
                    }
                }
                var usage = new SealUsage
                {
                    Id = usageId,
                    OrganizationId = seal.OrganizationId,
                    SealId = seal.Id,
                    SealName = decision.Seal!.Name,
                    UserId = userId,
                    UserName = member.Name,
                    DepartmentId = member.DepartmentId,
                    DocumentName = name,
                    DocumentSha256 = document.Sha256,
                    SignedSha256 = signedSha256,
                    SignedFileKey = key,
                    Pages = string.Join(",", pdf.StampedPages.Distinct().Order()),
                    StampCount = pdf.StampCount,
                    SignedAtUtc = w.Now,
                    IpAddress = currentUser.IpAddress,
                    Decision = decision.Basis,
                    GrantId = decision.GrantId,
                    UseRequestId = decision.UseRequestId,
                    SigningTaskId = reservation?.TaskId,
                    SigningTaskNumber = reservation?.TaskNumber,
                };
                w.Db.SealUsages.Add(usage);
                if (decision.UseRequestId is { } requestId)
                {
                    var request = await w.Db.SealUseRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
                    request.UsedAtUtc = w.Now;
                }
                w.Audit(AuditActions.SealUse, seal.Id.ToString(),
                    $"{decision.Basis}; document {name} sha256 {document.Sha256}; pages {usage.Pages}{TaskDetail(reservation)}");
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

    private async Task<Result<SignedDocument>> SignPersonallyAsync(Guid userId, Guid signatureId, SignWithSealCommand command, Write? taskScope,
        CancellationToken cancellationToken)
    {
        var document = DocumentOf(command);
        var name = command.Task is null ? SafeName(command.DocumentName) : "";
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

        // In a task: the task's space, which also scopes the person's own records (the context's user is the caller).
        var who = taskScope ?? Write.AsUser();
        TaskReservation? reservation = null;
        var refusedDetail = (PortalError refusal) => $"{refusal}; document {name} sha256 {document.Sha256}{TaskDetail(reservation)}";
        var reserved = await unit.RunAsync<(PersonalBasis Basis, TaskReservation? Reservation)>(who, async w =>
        {
            var basis = await DecidePersonallyAsync(w.Db, userId, signatureId, w.Now, cancellationToken);
            if (!basis.Succeeded)
            {
                return w.Refuse(basis.Error!, AuditActions.SignaturePersonalUse, signatureId.ToString(), refusedDetail(basis.Error!));
            }
            if (command.Task is { } inTask)
            {
                var r = await TaskSigningSteps.ReserveAsync(w, inTask, null, personal: true, command.Stamps, cancellationToken);
                return r.Succeeded ? (basis.Value!, r.Value)
                    : w.Refuse(r.Error!, AuditActions.TaskSign, inTask.TaskId.ToString(), $"{r.Error}; personal signature");
            }
            return (basis.Value!, null);
        }, cancellationToken);
        if (!reserved.Succeeded)
        {
            return reserved.Error!;
        }
        var ((signature, certificate, signerName), taskReservation) = reserved.Value!;
        reservation = taskReservation;
        var prepared = await PrepareAsync(command, reservation, cancellationToken);
        if (!prepared.Succeeded)
        {
            return prepared.Error!;
        }
        (var pdfIn, name, document, _) = prepared.Value!;
        var face = await PersonalSignatureRules.FaceAsync(signature, files, cancellationToken);
        if (!face.Succeeded)
        {
            return await RecordFailureAsync(who, face.Error!, AuditActions.SignaturePersonalUse, signatureId.ToString(), refusedDetail(face.Error!),
                cancellationToken, AuditOutcome.Refused);
        }
        var signed = await signer.SignAsync(new DocumentSignRequest(pdfIn, certificate.KeyId, certificate.CertificateDer, face.Value!,
            command.Stamps, signerName, $"{signerName} 签署"), cancellationToken);
        if (!signed.Succeeded)
        {
            return await RecordFailureAsync(who, signed.Error!, AuditActions.SignaturePersonalUse, signatureId.ToString(),
                $"{signed.Error}; document {name}", cancellationToken);
        }
        var pdf = signed.Value!;
        // Only a task keeps the signed bytes (as the document's next version); single signing hands them back.
        var key = reservation is null ? null : await files.SaveAsync(new MemoryStream(pdf.Pdf), name, cancellationToken);
        var committed = false;
        try
        {
            var recorded = await unit.RunAsync<SignedDocument>(who, async w =>
        {
            var again = await DecidePersonallyAsync(w.Db, userId, signatureId, w.Now, cancellationToken);
            var refusal = again.Error ?? (again.Value!.Certificate.Id != certificate.Id ? new PortalError(Errors.Concurrency) : null);
            if (refusal is not null)
            {
                return w.Refuse(refusal, AuditActions.SignaturePersonalUse, signatureId.ToString(), refusedDetail(refusal) + "; signed outside the lock, discarded");
            }
            if (reservation is not null)
            {
                var version = await TaskSigningSteps.CommitAsync(w, reservation, key!, DocumentHash.Of(pdf.Pdf), null, again.Value!.Signature.Name,
                    currentUser.IpAddress, cancellationToken);
                if (version.Error?.Code == Errors.TaskVersionChanged)
                {
                    return version.Error;
                }
                if (!version.Succeeded)
                {
                    return w.Refuse(version.Error!, AuditActions.TaskSign, reservation.TaskId.ToString(),
                        refusedDetail(version.Error!) + "; signed outside the lock, discarded");
                }
            }
            var pagesText = string.Join(",", pdf.StampedPages.Distinct().Order());
            personalCertificates.RecordOperation(w.Db, userId, CertificateSource.Hosted, certificate.SerialNumber, CertificateOperationKind.Sign,
                $"{name} · {again.Value!.Signature.Name} · {pagesText}");
            w.Audit(AuditActions.SignaturePersonalUse, signatureId.ToString(),
                $"certificate {certificate.SerialNumber}; document {name} sha256 {document.Sha256}; signed sha256 {DocumentHash.Of(pdf.Pdf)}; pages {pagesText}{TaskDetail(reservation)}");
            return new SignedDocument(null, SignedName(name), pdf.Pdf, pdf.StampedPages);
        }, cancellationToken);
            committed = recorded.Succeeded;
            return recorded;
        }
        finally
        {
            if (!committed && key is not null)
            {
                await files.DeleteAsync(key, CancellationToken.None);
            }
        }
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
