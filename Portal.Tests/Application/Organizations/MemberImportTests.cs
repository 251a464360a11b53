using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Organizations;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Organizations;

public class MemberImportTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Guid _org, _owner;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _org = await _db.UniversityIdAsync();
        _owner = await _db.UserIdAsync(Demo.UniversityOwner);
        await _db.SwitchAsync(_owner, _org);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Rows_past_the_owners_daily_sms_cap_are_reported_not_invited_silently()
    {
        // Two invitation SMS left today for the owner's account: four new numbers invite two and report two.
        int already;
        await using (var ctx = _db.Db())
        {
            already = await ctx.SmsSends.CountAsync(r => r.AccountId == _owner);
        }
        _db.Services.GetRequiredService<RateLimitOptions>().DailySmsPerAccount = already + 2;
        var sheet = _db.Services.GetRequiredService<IMemberSpreadsheet>();
        var file = sheet.Write(
        [
            new(2, "13611110001", "甲", "", "成员"),
            new(3, "13611110002", "乙", "", "成员"),
            new(4, "13611110003", "丙", "", "成员"),
            new(5, "13611110004", "丁", "", "成员"),
        ]);
        var r = ResultAssert.Ok(await _db.RunAsync<ImportMembers, Result<ImportReport>>(_owner, s => s.ExecuteAsync(file)));
        Assert.Equal(2, r.Added);
        Assert.Equal([(4, Errors.SmsDailyLimitAccount), (5, Errors.SmsDailyLimitAccount)], r.Rejected.Select(x => (x.RowNumber, x.Reason.Code)));
        await using var after = _db.Db(_org);
        var invited = await after.MemberInvitations.Where(i => i.Status == RequestStatus.Pending).Select(i => i.Phone).ToListAsync();
        Assert.Contains("13611110002", invited);
        Assert.DoesNotContain("13611110003", invited);
        // Each invitation made had its SMS.
        Assert.Equal(2, await after.SmsOutbox.CountAsync(m => m.Phone == "13611110001" || m.Phone == "13611110002"));
        Assert.Equal(0, await after.SmsOutbox.CountAsync(m => m.Phone == "13611110003" || m.Phone == "13611110004"));
    }

    [Fact]
    public async Task Valid_rows_are_added_together_and_each_rejected_row_says_why()
    {
        var sheet = _db.Services.GetRequiredService<IMemberSpreadsheet>();
        var file = sheet.Write(
        [
            new(2, Demo.EnterpriseOwner, "张伟", "计算机学院", "成员"),
            new(3, Demo.EnterpriseSealAdmin, "李娜", "财务处", "部门负责人"),
            new(4, "12345", "坏号码", "", "成员"),
            new(5, "13666666666", "未注册", "", "成员"),
            new(6, Demo.CsMember, "周杰", "计算机学院", "成员"),
            new(7, Demo.EnterpriseMember2, "赵敏", "不存在/部门", "成员"),
            new(8, Demo.EnterpriseLegalRep, "刘洋", "", "校长"),
            new(9, Demo.EnterpriseOwner, "张伟", "", "成员"),
        ]);
        var r = await _db.RunAsync<ImportMembers, Result<ImportReport>>(_owner, s => s.ExecuteAsync(file));
        ResultAssert.Ok(r);
        // Registered or not, a valid row is an invitation: nobody is told which numbers have accounts.
        Assert.Equal(3, r.Value!.Added);
        Assert.Equal(
            [(4, Errors.PhoneInvalid), (6, Errors.AlreadyMember), (7, Errors.DepartmentPathNotFound), (8, Errors.RoleInvalid), (9, Errors.AlreadyMember)],
            r.Value.Rejected.Select(x => (x.RowNumber, x.Reason.Code)));
        await using (var ctx = _db.Db(_org))
        {
            var sealAdmin = await _db.UserIdAsync(Demo.EnterpriseSealAdmin);
            Assert.False(await ctx.Memberships.AnyAsync(m => m.UserId == sealAdmin));
            Assert.Equal(3, await ctx.MemberInvitations.CountAsync(i => i.Status == RequestStatus.Pending));
        }
        // Nobody joins before accepting; the one who accepts joins on the sheet's terms.
        await _db.AcceptInvitationAsync(await _db.UserIdAsync(Demo.EnterpriseSealAdmin), _org);

        var export = await _db.RunAsync<ExportMembers, Result<byte[]>>(_owner, s => s.ExecuteAsync());
        var rows = sheet.Read(export.Value!).Value!;
        Assert.Contains(rows, x => x.Phone == Demo.EnterpriseSealAdmin && x.DepartmentPath == "财务处" && x.Role == "部门负责人");

        Assert.Equal(Errors.FileTypeNotAllowed, (await _db.RunAsync<ImportMembers, Result<ImportReport>>(_owner, s => s.ExecuteAsync([1, 2, 3]))).Error?.Code);
        var member = await _db.UserIdAsync(Demo.CsMember);
        await _db.SwitchAsync(member, _org);
        Assert.Equal(Errors.Forbidden, (await _db.RunAsync<ImportMembers, Result<ImportReport>>(member, s => s.ExecuteAsync(file))).Error?.Code);
    }

    private Task<Result<ImportReport>> ImportAsync(Guid user, byte[] file) =>
        _db.RunAsync<ImportMembers, Result<ImportReport>>(user, s => s.ExecuteAsync(file));

    /// <summary>A workbook whose first sheet holds <paramref name="sheetXml"/> as its XML part (hand-made: ClosedXML would refuse to write a bomb).</summary>
    private static byte[] Workbook(Action<Stream> sheetXml)
    {
        using var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
            Part("[Content_Types].xml", """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", """<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Members" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            sheetXml(sheet);
        }
        return ms.ToArray();
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_before_it_is_loaded_and_only_after_the_owner_check()
    {
        // 64 MB of spaces inside the sheet's XML compress to well under a megabyte.
        var bomb = Workbook(s =>
        {
            var head = System.Text.Encoding.UTF8.GetBytes("""<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            s.Write(head);
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 64; i++)
            {
                s.Write(spaces);
            }
            s.Write(System.Text.Encoding.UTF8.GetBytes("</sheetData></worksheet>"));
        });
        Assert.True(bomb.Length < MemberSheetLimits.MaxFileBytes, $"the bomb is {bomb.Length} bytes");

        var member = await _db.UserIdAsync(Demo.CsMember);
        await _db.SwitchAsync(member, _org);
        Assert.Equal(Errors.Forbidden, (await ImportAsync(member, bomb)).Error?.Code);
        var refused = await ImportAsync(_owner, bomb);
        Assert.Equal(Errors.SpreadsheetTooLarge, refused.Error?.Code);
        Assert.Equal(MemberSheetLimits.MaxUnzippedBytes / 1024 / 1024, refused.Error!.Args[0]);
    }

    [Fact]
    public async Task More_rows_than_the_limit_are_refused_before_the_workbook_is_loaded()
    {
        var tooMany = Workbook(s =>
        {
            using var w = new StreamWriter(s);
            w.Write("""<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            for (var r = 1; r <= MemberSheetLimits.MaxRows + 2; r++)
            {
                w.Write($"""<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>1390000{r:0000}</t></is></c></row>""");
            }
            w.Write("</sheetData></worksheet>");
        });
        var refused = await ImportAsync(_owner, tooMany);
        Assert.Equal(Errors.SpreadsheetTooManyRows, refused.Error?.Code);
        Assert.Equal(MemberSheetLimits.MaxRows, refused.Error!.Args[0]);
        Assert.Equal(Errors.FileTooLarge, (await ImportAsync(_owner, new byte[MemberSheetLimits.MaxFileBytes + 1])).Error?.Code);
    }

    [Fact]
    public async Task A_long_sheet_is_imported_in_batches_each_its_own_unit_and_a_number_repeated_across_batches_is_rejected()
    {
        var sheet = _db.Services.GetRequiredService<IMemberSpreadsheet>();
        var rows = new List<MemberSheetRow> { new(2, Demo.EnterpriseOwner, "张伟", "计算机学院", "成员") };
        // Rows with an unknown role fill two more batches; the owner's number comes again in the last one.
        rows.AddRange(Enumerable.Range(3, 2 * MemberSheetLimits.BatchSize).Select(r => new MemberSheetRow(r, $"1366{r:0000000}", "未注册", "", "校长")));
        rows.Add(new(rows.Count + 2, Demo.EnterpriseOwner, "张伟", "", "成员"));

        var report = ResultAssert.Ok(await ImportAsync(_owner, sheet.Write(rows)));

        Assert.Equal(1, report.Added);
        Assert.Equal(2 * MemberSheetLimits.BatchSize + 1, report.Rejected.Count);
        Assert.Equal(Errors.AlreadyMember, report.Rejected[^1].Reason.Code);
        await using var ctx = _db.Db();
        var batches = await ctx.AuditEvents.Where(e => e.Action == AuditActions.MemberImport).Select(e => e.Detail).ToListAsync();
        Assert.Equal(3, batches.Count);
        Assert.StartsWith("rows 2-501: invited 1", batches[0]);
    }
}
