namespace Portal.Application.Organizations;

/// <summary>One row of the member spreadsheet: phone, name, department path ("学院/系"), role.</summary>
public sealed record MemberSheetRow(int RowNumber, string Phone, string Name, string DepartmentPath, string Role);

/// <summary>Reads and writes the member Excel file (ClosedXML in Infrastructure).</summary>
public interface IMemberSpreadsheet
{
    /// <summary>The rows of the first sheet under the header; null when the file is not a readable workbook.</summary>
    IReadOnlyList<MemberSheetRow>? Read(byte[] workbook);

    byte[] Write(IEnumerable<MemberSheetRow> rows);
}
