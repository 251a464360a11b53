using Portal.Application.Common;

namespace Portal.Application.Signing;

/// <summary>The document a signer uploaded, checked: its SHA-256 (hex) and page count.</summary>
public sealed record SigningDocument(string FileName, byte[] Content, string Sha256, int PageCount);

/// <summary>Upload checks for a document to sign: malformed, encrypted and oversized PDFs are refused with a clear reason.</summary>
public sealed class CheckSigningDocument(IDocumentSigner signer, ICurrentUser currentUser)
{
    public Result<SigningDocument> Execute(string fileName, byte[] content)
    {
        if (currentUser.UserId is null)
        {
            return Result<SigningDocument>.Fail(Errors.NotSignedIn);
        }
        if (!string.Equals(Path.GetExtension(fileName), ".pdf", StringComparison.OrdinalIgnoreCase) && !LooksLikePdf(content))
        {
            return Result<SigningDocument>.Fail(Errors.PdfNotPdf);
        }
        var pages = signer.Inspect(content);
        if (!pages.Succeeded)
        {
            return pages.Error!;
        }
        return new SigningDocument(Path.GetFileName(fileName), content, DocumentHash.Of(content), pages.Value);
    }

    private static bool LooksLikePdf(byte[] content) =>
        content.AsSpan(0, Math.Min(1024, content.Length)).IndexOf("%PDF-"u8) >= 0;
}
