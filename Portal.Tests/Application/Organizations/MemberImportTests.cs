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
        Assert.Equal(2, r.Value!.Added);
        Assert.Equal(
            [(4, Errors.PhoneInvalid), (5, Errors.UserNotRegistered), (6, Errors.AlreadyMember), (7, Errors.DepartmentPathNotFound),
                (8, Errors.RoleInvalid), (9, Errors.AlreadyMember)],
            r.Value.Rejected.Select(x => (x.RowNumber, x.Reason.Code)));

        var export = await _db.RunAsync<ExportMembers, Result<byte[]>>(_owner, s => s.ExecuteAsync());
        var rows = sheet.Read(export.Value!)!;
        Assert.Contains(rows, x => x.Phone == Demo.EnterpriseSealAdmin && x.DepartmentPath == "财务处" && x.Role == "部门负责人");

        Assert.Equal(Errors.FileTypeNotAllowed, (await _db.RunAsync<ImportMembers, Result<ImportReport>>(_owner, s => s.ExecuteAsync([1, 2, 3]))).Error?.Code);
        var member = await _db.UserIdAsync(Demo.CsMember);
        await _db.SwitchAsync(member, _org);
        Assert.Equal(Errors.Forbidden, (await _db.RunAsync<ImportMembers, Result<ImportReport>>(member, s => s.ExecuteAsync(file))).Error?.Code);
    }
}
