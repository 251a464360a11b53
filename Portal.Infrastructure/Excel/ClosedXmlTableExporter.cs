using ClosedXML.Excel;
using Portal.Application.Common;

namespace Portal.Infrastructure.Excel;

/// <summary>Plain .xlsx tables. Column widths are set from the text length: AdjustToContents needs libgdiplus.</summary>
internal sealed class ClosedXmlTableExporter : ITableExporter
{
    public byte[] Export(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(sheetName.Length > 31 ? sheetName[..31] : sheetName);
        var widths = headers.Select(h => Width(h)).ToArray();
        for (var c = 0; c < headers.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = headers[c];
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }
        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Count && c < headers.Count; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                switch (row[c])
                {
                    case null:
                        break;
                    case DateTime d:
                        cell.Value = d;
                        cell.Style.DateFormat.Format = "yyyy-mm-dd hh:mm";
                        widths[c] = Math.Max(widths[c], 17);
                        break;
                    default:
                        // Text, so that long serial numbers stay exact (not turned into numbers).
                        var text = row[c]!.ToString() ?? "";
                        cell.SetValue(text);
                        widths[c] = Math.Max(widths[c], Width(text));
                        break;
                }
            }
            r++;
        }
        for (var c = 0; c < widths.Length; c++)
        {
            sheet.Column(c + 1).Width = Math.Min(widths[c] + 2, 80);
        }
        sheet.SheetView.FreezeRows(1);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>CJK characters are about two columns wide.</summary>
    private static double Width(string s) => s.Sum(ch => ch > 0x2E80 ? 2.0 : 1.0);
}
