using Microsoft.EntityFrameworkCore;
using Portal.Application.Certificates;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Signing;

namespace Portal.Application.Verification;

/// <summary>A document to verify: its name (for the records) and bytes.</summary>
public sealed record VerificationUpload(string FileName, byte[] Content);

/// <summary>
/// 文档验证: verifies an uploaded PDF for anyone. Anonymous callers get the report and nothing is written; a signed-in
/// user's verification is recorded (audit, and an operation record on their personal certificate when one of the
/// signatures was made with it). Parsing and checking run before and outside any write.
/// </summary>
public sealed class VerifyDocument(IDocumentVerifier verifier, ICurrentUser currentUser, WriteUnit unit, PersonalCertificates personalCertificates,
    IPortalDbContextFactory dbFactory)
{
    public long MaxBytes => verifier.MaxBytes;

    /// <summary>
    /// Verifies. <paramref name="recordForSignedInUser"/> is false on the public page and the API: they write nothing
    /// (their only state is the caller's rate counters, kept by the web layer).
    /// </summary>
    public async Task<Result<DocumentVerificationReport>> ExecuteAsync(VerificationUpload upload, bool recordForSignedInUser = true, CancellationToken cancellationToken = default)
    {
        if (upload.Content.Length == 0 || !LooksLikePdf(upload.Content))
        {
            return Result<DocumentVerificationReport>.Fail(Errors.PdfNotPdf);
        }

        if (upload.Content.Length > verifier.MaxBytes)
        {
            return Result<DocumentVerificationReport>.Fail(Errors.PdfTooLarge, verifier.MaxBytes / (1024 * 1024));
        }

        var report = await verifier.VerifyAsync(upload.Content, cancellationToken);
        if (recordForSignedInUser && currentUser.UserId is { } userId)
        {
            await RecordAsync(userId, upload, report, cancellationToken);
        }

        return report;
    }

    private async Task RecordAsync(Guid userId, VerificationUpload upload, DocumentVerificationReport report, CancellationToken ct)
    {
        var name = Path.GetFileName(upload.FileName);
        var detail = $"{name} ({report.Indication}, {report.Signatures.Count})";
        detail = detail.Length <= 300 ? detail : detail[..300];
        string? mine = null;
        var serials = report.Signatures.Select(s => s.SerialNumber).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (serials.Count > 0)
        {
            await using var db = dbFactory.CreateForScope(null, userId);
            var own = await db.PersonalCertificates.AsNoTracking().Where(c => c.OwnerUserId == userId).Select(c => c.SerialNumber).ToListAsync(ct);
            mine = own.FirstOrDefault(s => serials.Contains(s.TrimStart('0')));
        }

        await unit.RunAsync(Write.AsUser(), w =>
        {
            if (mine is not null)
            {
                personalCertificates.RecordOperation(w.Db, userId, CertificateSource.Hosted, mine, CertificateOperationKind.Verify, detail);
            }

            w.Audit(AuditActions.DocumentVerify, DocumentHash.Of(upload.Content), detail);
            return Task.FromResult(Result.Ok());
        }, ct);
    }

    private static bool LooksLikePdf(byte[] content) => content.AsSpan(0, Math.Min(1024, content.Length)).IndexOf("%PDF-"u8) >= 0;
}
