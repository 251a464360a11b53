using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using PdfSharp.Drawing;
using PdfSharp.Pdf.IO;
using PdfSharp.Pdf.Signatures;

namespace Portal.Tests.Signing.Support;

/// <summary>
/// "Another implementation": PDFsharp's own signature API (a full-file save, adbe.pkcs7.detached) with a
/// CMS made by BouncyCastle's generator (signing-time included) — how a third-party tool signs.
/// </summary>
public sealed class OtherToolSigner(AsymmetricKeyParameter key, X509Certificate cert, IReadOnlyList<X509Certificate> chain) : IDigitalSigner
{
    public string CertificateName => cert.SubjectDN.ToString();

    public Task<int> GetSignatureSizeAsync() => Task.FromResult(8192);

    public Task<byte[]> GetSignatureAsync(Stream stream)
    {
        // PDFsharp's stream reads byte-by-byte unless read in one call (NOTES).
        var buf = new byte[stream.Length];
        var read = 0;
        while (read < buf.Length)
        {
            var n = stream.Read(buf, read, buf.Length - read);
            if (n <= 0)
            {
                break;
            }

            read += n;
        }

        var gen = new CmsSignedDataGenerator();
        gen.AddSigner(key, cert, CmsSignedGenerator.DigestSha256);
        gen.AddCertificates(CollectionUtilities.CreateStore(chain.ToList()));
        var signed = gen.Generate(new CmsProcessableByteArray(buf.AsSpan(0, read).ToArray()), false);
        return Task.FromResult(signed.GetEncoded());
    }

    /// <summary>Opens a PDF with PDFsharp and saves it signed by this tool.</summary>
    public byte[] Sign(byte[] pdf)
    {
        Portal.Signing.Seals.SealFonts.EnsurePdfSharp();
        using var doc = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Modify);
        DigitalSignatureHandler.ForDocument(doc, this, new DigitalSignatureOptions
        {
            Reason = "other tool",
            Rectangle = new XRect(36, 36, 120, 40),
        });
        using var ms = new MemoryStream();
        doc.Save(ms);
        return ms.ToArray();
    }
}
