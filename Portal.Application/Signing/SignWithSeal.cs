using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.SigningPins;

namespace Portal.Application.Signing;

/// <summary>"User U signs PDF D with seal S at placements P, confirmed by willingness proof W."</summary>
public sealed record SignWithSealCommand(Guid SealId, string DocumentName, byte[] Pdf, IReadOnlyList<StampSpec> Stamps, WillingnessProof? Proof);

/// <summary>The signed document: the ledger entry, a download name and the bytes.</summary>
public sealed record SignedDocument(Guid UsageId, string FileName, byte[] Pdf, IReadOnlyList<int> Pages);

/// <summary>
/// 单方用印 — THE one path to a signature. Willingness is checked first (its own unit: wrong tries count). Then one
/// write-locked unit of work: the policy decision again (grant, seal, membership, window, limits, approval) → the PDF
/// engine stamps and signs with the seal's pool key (timestamped) → the signed PDF stored → ledger entry, approval
/// consumed, audit → commit. Revoking, voiding and removing take the same lock, so nothing revoked before the commit
/// yields a signature; if anything fails after the file was stored, the file is deleted.
/// </summary>
public sealed class SignWithSeal(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, WillingnessVerifier willingness,
    SealUsePolicy policy, IDocumentSigner signer, IFileStore files, AuditTrail audit, TimeProvider clock)
{
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
