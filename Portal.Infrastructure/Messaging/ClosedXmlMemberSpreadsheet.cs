using ClosedXML.Excel;
using Portal.Application.Organizations;

namespace Portal.Infrastructure.Messaging;

/// <summary>The member workbook: 手机号 | 姓名 | 部门 | 角色, header on row 1.</summary>
internal sealed class ClosedXmlMemberSpreadsheet : IMemberSpreadsheet
{
    private static readonly string[] Header = ["手机号 Phone", "姓名 Name", "部门 Department", "角色 Role"];

    public IReadOnlyList<MemberSheetRow>? Read(byte[] workbook)
    {
        try
        {
            using var wb = new XLWorkbook(new MemoryStream(workbook));
            var ws = wb.Worksheets.First();
            var last = ws.LastRowUsed()?.RowNumber() ?? 1;
            var rows = new List<MemberSheetRow>();
            for (var r = 2; r <= last; r++)
            {
                var cells = Enumerable.Range(1, 4).Select(c => ws.Cell(r, c).GetFormattedString().Trim()).ToArray();
                if (cells.All(string.IsNullOrEmpty))
                {
                    continue;
                }
                rows.Add(new MemberSheetRow(r, cells[0], cells[1], cells[2], cells[3]));
            }
            return rows;
        }
        catch (Exception e) when (e is InvalidDataException or FileFormatException or ArgumentException or InvalidOperationException
                                      or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            return null;
        }
    }

    public byte[] Write(IEnumerable<MemberSheetRow> rows)
    {
        using var wb = new XLWorkbook();
        var ws = wb.AddWorksheet("Members");
        for (var c = 0; c < Header.Length; c++)
        {
            ws.Cell(1, c + 1).Value = Header[c];
            ws.Cell(1, c + 1).Style.Font.Bold = true;
        }
        var r = 2;
        foreach (var row in rows)
        {
            // Text cells: phone numbers must not turn into numbers.
            ws.Cell(r, 1).SetValue(row.Phone);
            ws.Cell(r, 2).SetValue(row.Name);
            ws.Cell(r, 3).SetValue(row.DepartmentPath);
            ws.Cell(r, 4).SetValue(row.Role);
            r++;
        }
        // AdjustToContents needs libgdiplus (NOTES): fixed widths instead.
        ws.Column(1).Width = 18;
        ws.Column(2).Width = 16;
        ws.Column(3).Width = 30;
        ws.Column(4).Width = 16;
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }
}
