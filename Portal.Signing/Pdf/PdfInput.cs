using Portal.Signing.Pdf.Parsing;

namespace Portal.Signing.Pdf;

/// <summary>Opens an input PDF and turns every reason not to sign it into a typed refusal.</summary>
internal static class PdfInput
{
    public static PdfFile Open(ReadOnlyMemory<byte> pdf, PdfSigningOptions options, out int pageCount)
    {
        if (pdf.Length > options.MaxBytes)
        {
            throw new SigningException(
                "pdf.too_large",
                $"The PDF is {pdf.Length / 1048576.0:0.#} MB; the limit is {options.MaxBytes / 1048576.0:0.#} MB. Compress or split it.");
        }

        if (pdf.Length < 32 || pdf.Span[..Math.Min(1024, pdf.Length)].IndexOf("%PDF-"u8) < 0)
        {
            throw new SigningException("pdf.not_pdf", "The file is not a PDF (no %PDF header).");
        }

        PdfFile file;
        try
        {
            file = PdfFile.Open(pdf);
            if (file.Trailer["Encrypt"] is not null)
            {
                throw new SigningException(
                    "pdf.encrypted",
                    "The PDF is encrypted or password-protected. Remove the protection (print or save without a password) and upload it again.");
            }

            pageCount = file.PageCount;
            if (pageCount == 0)
            {
                // /Count may be missing or wrong in the wild: walk the tree before refusing.
                pageCount = file.GetPageRefs().Count;
            }
        }
        catch (PdfFormatException ex)
        {
            throw Broken(ex);
        }
        catch (Exception ex) when (ex is InvalidCastException or IndexOutOfRangeException or ArgumentException or InvalidDataException or OverflowException or NullReferenceException)
        {
            throw Broken(ex);
        }

        if (pageCount == 0)
        {
            throw new SigningException("pdf.no_pages", "The PDF has no pages, so there is nothing to stamp.");
        }

        if (pageCount > options.MaxPages)
        {
            throw new SigningException("pdf.too_many_pages", $"The PDF has {pageCount} pages; the limit is {options.MaxPages}. Split it into smaller documents.");
        }

        return file;
    }

    internal static SigningException Broken(Exception ex) => new(
        "pdf.broken",
        "The PDF is damaged (its structure cannot be read: " + ex.Message + "). Re-export or repair it, then upload it again.",
        ex);
}
