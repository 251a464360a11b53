using Portal.Infrastructure.Verification;
using Portal.Signing.Pdf.Verification;

namespace Portal.Tests.Infrastructure.Verification;

/// <summary>The report the page, the PDF report and the API show: revocation now, at signing time, and where the latter came from.</summary>
public sealed class PdfDocumentVerifierMapTests
{
    private static SignatureReport Signature(RevocationSummary revocation) => new()
    {
        Index = 0,
        FieldName = "Signature1",
        Indication = Indication.TotalPassed,
        SubIndication = SubIndication.None,
        Revocation = revocation,
    };

    private static PdfVerificationReport Report(params SignatureReport[] signatures) => new()
    {
        Indication = Indication.TotalPassed,
        SubIndication = SubIndication.None,
        Signatures = signatures,
        Revisions = [],
    };

    [Fact]
    public void Revocation_at_signing_time_says_whether_the_document_or_the_store_answered()
    {
        var revokedLater = DateTimeOffset.UtcNow;
        var report = PdfDocumentVerifier.Map(
            Report(
                Signature(new RevocationSummary(RevocationState.Unknown, null, null, false, RevocationState.Good, RevocationSource.DocumentDss)),
                Signature(new RevocationSummary(RevocationState.Revoked, revokedLater, "voided", true, RevocationState.Good, RevocationSource.TrustStore))),
            [0x25, 0x50], new HashSet<string>(), DateTimeOffset.UtcNow);

        var fromDss = report.Signatures[0].Revocation!;
        Assert.Equal(("unknown", "good", "document"), (fromDss.StatusNow, fromDss.StatusAtSigning, fromDss.AtSigningSource));
        var fromStore = report.Signatures[1].Revocation!;
        Assert.Equal(("revoked", "good", "store", revokedLater), (fromStore.StatusNow, fromStore.StatusAtSigning, fromStore.AtSigningSource, fromStore.RevokedAt));
    }
}
