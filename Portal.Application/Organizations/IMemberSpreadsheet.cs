using Portal.Application.Common;

namespace Portal.Application.Organizations;

/// <summary>What a member spreadsheet may hold: an upload is hostile until these are checked.</summary>
public static class MemberSheetLimits
{
    /// <summary>The workbook file itself.</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    /// <summary>All parts of the workbook once unzipped (a zip bomb stops here, before any XML is loaded).</summary>
    public const long MaxUnzippedBytes = 16 * 1024 * 1024;

    /// <summary>Rows under the header.</summary>
    public const int MaxRows = 5000;

    /// <summary>Rows imported per write unit, so the write lock is held briefly however long the sheet is.</summary>
    public const int BatchSize = 500;
}

/// <summary>One row of the member spreadsheet: phone, name, department path ("学院/系"), role.</summary>
public sealed record MemberSheetRow(int RowNumber, string Phone, string Name, string DepartmentPath, string Role);

/// <summary>Reads and writes the member Excel file (ClosedXML in Infrastructure).</summary>
public interface IMemberSpreadsheet
{
    /// <summary>
    /// The rows of the first sheet under the header, or the refusal: not a readable workbook, more than
    /// <see cref="MemberSheetLimits.MaxRows"/> rows, or more than <see cref="MemberSheetLimits.MaxUnzippedBytes"/> once unzipped —
    /// checked before the workbook is loaded.
    /// </summary>
    Result<IReadOnlyList<MemberSheetRow>> Read(byte[] workbook);

    byte[] Write(IEnumerable<MemberSheetRow> rows);
}
