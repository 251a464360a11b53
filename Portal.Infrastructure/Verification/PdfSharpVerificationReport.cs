using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Portal.Application.Verification;
using Portal.Signing.Seals;

namespace Portal.Infrastructure.Verification;

/// <summary>The downloadable verification report, drawn with PDFsharp from our own report data (PDFsharp never opens an upload).</summary>
internal sealed class PdfSharpVerificationReport : IVerificationReportPdf
{
    public byte[] Render(DocumentVerificationReport report, string fileName, Func<string, string> text)
    {
        SealFonts.EnsurePdfSharp();
        using var doc = new PdfDocument();
        doc.Info.Title = text("Verify.ReportTitle");
        var title = new XFont(SealFonts.FamilyName, 16);
        var head = new XFont(SealFonts.FamilyName, 12);
        var body = new XFont(SealFonts.FamilyName, 9.5);
        PdfPage page = null!;
        XGraphics g = null!;
        double y = 0;
        const double left = 50, width = 495, bottom = 800;

        void NewPage()
        {
            g?.Dispose();
            page = doc.AddPage();
            g = XGraphics.FromPdfPage(page);
            y = 50;
        }

        void Line(string s, XFont font, XBrush? brush = null, double indent = 0)
        {
            // Wrap by measured width, character by character (Chinese has no spaces to break at).
            var rest = s;
            while (rest.Length > 0)
            {
                var n = rest.Length;
                while (n > 1 && g.MeasureString(rest[..n], font).Width > width - indent)
                {
                    n--;
                }

                if (y + font.Height > bottom)
                {
                    NewPage();
                }

                g.DrawString(rest[..n], font, brush ?? XBrushes.Black, new XPoint(left + indent, y + font.Height * 0.8));
                y += font.Height * 1.25;
                rest = rest[n..];
            }
        }

        void Picture(SealImageData image, double indent)
        {
            // 60 pt on the longer side (about 21 mm): recognisable, not a full-size replica of the seal.
            var scale = 60.0 / Math.Max(image.Width, image.Height);
            var (w, h) = (image.Width * scale, image.Height * scale);
            if (y + h > bottom)
            {
                NewPage();
            }

            using var picture = XImage.FromStream(new MemoryStream(image.Data, writable: false));
            g.DrawImage(picture, left + indent, y, w, h);
            y += h + 4;
        }

        string T(DateTimeOffset? t) => t?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "—";

        NewPage();
        Line(text("Verify.ReportTitle"), title);
        y += 4;
        Line($"{text("Verify.File")}: {fileName}", body);
        Line($"SHA-256: {report.Sha256}", body);
        Line($"{text("Verify.VerifiedAt")}: {T(report.VerifiedAt)}", body);
        y += 6;
        var verdictBrush = report.Verdict switch { Verdict.Valid => XBrushes.DarkGreen, Verdict.Invalid => XBrushes.DarkRed, _ => XBrushes.DarkOrange };
        Line($"{text("Verify.Verdict." + report.Verdict)} — {text("Verify.Reason." + report.SubIndication)}", head, verdictBrush);
        Line($"{report.Indication} / {report.SubIndication}", body);
        foreach (var s in report.Signatures)
        {
            y += 8;
            var sb = s.Verdict switch { Verdict.Valid => XBrushes.DarkGreen, Verdict.Invalid => XBrushes.DarkRed, _ => XBrushes.DarkOrange };
            Line($"{text("Verify.Signature")} #{s.Index}: {text("Verify.Verdict." + s.Verdict)} — {text("Verify.Reason." + s.SubIndication)}", head, sb);
            Line($"{text("Verify.Signer")}: {s.Signer ?? "—"}    {text("Verify.Organization")}: {s.Organization ?? "—"}    {text("Verify.SealName")}: {s.SealName ?? "—"}", body, indent: 10);
            Line($"{text("Verify.SigningTime")}: {T(s.ClaimedSigningTime)}    {text("Verify.Timestamp")}: {T(s.TimestampTime)} {s.TimestampAuthority}", body, indent: 10);
            Line($"{text("Verify.TrustAnchor")}: {s.TrustAnchor ?? text("Verify.NotTrusted")}", body, indent: 10);
            foreach (var c in s.Chain)
            {
                Line($"· {c.Subject} ({c.SerialNumber}, {c.NotBeforeUtc:yyyy-MM-dd} – {c.NotAfterUtc:yyyy-MM-dd})", body, indent: 20);
            }

            if (s.Revocation is { } r)
            {
                Line($"{text("Verify.RevocationNow")}: {text("Verify.Revocation." + r.StatusNow)}{(r.RevokedAt is { } at ? " (" + T(at) + ")" : "")}    {text("Verify.RevocationAtSigning")}: {text("Verify.Revocation." + r.StatusAtSigning)}{(r.AtSigningSource == "document" ? " " + text("Verify.Revocation.fromDocument") : "")}", body, indent: 10);
            }

            Line($"{text("Verify.ChangedAfter")}: {text(s.ModifiedAfter ? "Verify.ChangedYes" : s.LaterRevisions.Count > 0 ? "Verify.ChangedAllowed" : "Verify.ChangedNo")}", body, indent: 10);
            foreach (var rev in s.LaterRevisions)
            {
                Line($"· {rev.Summary}{(rev.Allowed ? "" : " — " + string.Join("; ", rev.Violations))}", body, rev.Allowed ? null : XBrushes.DarkRed, 20);
            }

            Line($"{text("Verify.StampPages")}: {(s.StampPages.Count == 0 ? "—" : string.Join(", ", s.StampPages))}", body, indent: 10);
            if (report.SealImageOf(s) is { } image)
            {
                Line($"{text("Verify.SealImage")}:", body, indent: 10);
                Picture(image, 20);
            }
            else
            {
                Line($"{text("Verify.SealImage")}: {text("Verify.SealImageNone")}", body, indent: 10);
            }
        }

        g.Dispose();
        using var ms = new MemoryStream();
        doc.Save(ms);
        return ms.ToArray();
    }
}
