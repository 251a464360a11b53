namespace Portal.Application.Common;

/// <summary>Writes a table to a spreadsheet (.xlsx); implemented with ClosedXML in Infrastructure.</summary>
public interface ITableExporter
{
    byte[] Export(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows);
}
