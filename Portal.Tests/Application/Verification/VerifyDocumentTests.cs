using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Verification;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Verification;

public sealed class VerifyDocumentTests
{
    private static Task<Result<DocumentVerificationReport>> VerifyAsync(TestDatabase db, Guid? user, byte[] pdf, bool record) =>
        db.RunAsync<VerifyDocument, Result<DocumentVerificationReport>>(user, s => s.ExecuteAsync(new VerificationUpload("合同.pdf", pdf), record));

    [Fact]
    public async Task Only_a_signed_in_users_verification_in_the_portal_is_recorded_the_public_page_writes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        var pdf = TestPdfs.Make(1);
        async Task<int> Events()
        {
            await using var ctx = db.Db();
            return await ctx.AuditEvents.CountAsync(e => e.Action == AuditActions.DocumentVerify);
        }

        var anonymous = await VerifyAsync(db, null, pdf, record: true);
        var publicPage = await VerifyAsync(db, user, pdf, record: false);
        Assert.Equal(0, await Events());

        var portal = await VerifyAsync(db, user, pdf, record: true);
        Assert.Equal(1, await Events());
        foreach (var r in new[] { anonymous, publicPage, portal })
        {
            Assert.True(r.Succeeded);
            Assert.Equal(("INDETERMINATE", "SIGNED_DATA_NOT_FOUND", Verdict.Indeterminate), (r.Value!.Indication, r.Value.SubIndication, r.Value.Verdict));
        }
    }

    [Fact]
    public async Task Not_a_pdf_is_refused_in_words_and_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var user = await db.UserIdAsync(Demo.EnterpriseMember);
        ResultAssert.Refused(Errors.PdfNotPdf, await VerifyAsync(db, user, "not a pdf"u8.ToArray(), record: true));
        await using var ctx = db.Db();
        Assert.False(await ctx.AuditEvents.AnyAsync(e => e.Action == AuditActions.DocumentVerify));
    }
}
