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
            file = PdfFile.Open(pdf, new PdfBudget(options.Limits));
            if (file.Trailer["Encrypt"] is not null)
            {
                throw new SigningException(
                    "pdf.encrypted",
                    "The PDF is encrypted or password-protected. Remove the protection (print or save without a password) and upload it again.");
            }

            pageCount = file.Pages.Count;
            if (pageCount == 0)
            {
                // /Count may be missing or wrong in the wild: walk the tree before refusing.
                pageCount = file.Pages.Refs().Count;
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

    /// <summary>The exceptions reading hostile or damaged bytes can raise in our parser: a refusal, never a crash.</summary>
    internal static bool IsMalformed(Exception ex) => ex is PdfFormatException or InvalidCastException or IndexOutOfRangeException
        or ArgumentException or InvalidDataException or OverflowException or NullReferenceException or KeyNotFoundException or FormatException;

    /// <summary>The refusal for a file that cannot be read (pdf.broken) or that exceeds a parser limit (pdf.too_complex).</summary>
    internal static SigningException Broken(Exception ex) => ex is PdfLimitException
        ? new SigningException(
            "pdf.too_complex",
            "The PDF is too large or too complex to process safely (" + ex.Message + "). Re-export it (print to PDF) or split it, then upload it again.",
            ex)
        : new SigningException(
            "pdf.broken",
            "The PDF is damaged (its structure cannot be read: " + ex.Message + "). Re-export or repair it, then upload it again.",
            ex);
}
