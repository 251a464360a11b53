using System.IO.Compression;
using System.Xml;
using ClosedXML.Excel;
using Portal.Application.Common;
using Portal.Application.Organizations;

namespace Portal.Infrastructure.Messaging;

/// <summary>The member workbook: 手机号 | 姓名 | 部门 | 角色, header on row 1.</summary>
internal sealed class ClosedXmlMemberSpreadsheet : IMemberSpreadsheet
{
    private static readonly string[] Header = ["手机号 Phone", "姓名 Name", "部门 Department", "角色 Role"];

    public Result<IReadOnlyList<MemberSheetRow>> Read(byte[] workbook)
    {
        try
        {
            if (CheckParts(workbook) is { } refused)
            {
                return refused;
            }
            using var wb = new XLWorkbook(new MemoryStream(workbook));
            var ws = wb.Worksheets.First();
            var last = ws.LastRowUsed()?.RowNumber() ?? 1;
            if (last - 1 > MemberSheetLimits.MaxRows)
            {
                return new PortalError(Errors.SpreadsheetTooManyRows, MemberSheetLimits.MaxRows);
            }
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
                                      or XmlException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            return new PortalError(Errors.FileTypeNotAllowed);
        }
    }

    /// <summary>
    /// Looks inside the zip before ClosedXML loads anything: the parts' sizes once unzipped (declared and, for the sheets,
    /// counted while reading), the compression ratio, and the number of rows, streamed with an XmlReader.
    /// </summary>
    private static PortalError? CheckParts(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        if (zip.Entries.Count > MaxParts)
        {
            return new PortalError(Errors.FileTypeNotAllowed);
        }
        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            declared += entry.Length;
            if (declared > MemberSheetLimits.MaxUnzippedBytes || entry.Length > MaxRatio * Math.Max(entry.CompressedLength, 1024))
            {
                return new PortalError(Errors.SpreadsheetTooLarge, MemberSheetLimits.MaxUnzippedBytes / 1024 / 1024);
            }
        }
        long budget = MemberSheetLimits.MaxUnzippedBytes;
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var limited = new LimitedReadStream(entry.Open(), budget);
            using var xml = XmlReader.Create(limited, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var rows = 0;
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "row" && ++rows > MemberSheetLimits.MaxRows + 1)
                {
                    return new PortalError(Errors.SpreadsheetTooManyRows, MemberSheetLimits.MaxRows);
                }
            }
            budget -= limited.BytesRead;
        }
        return null;
    }

    private const int MaxParts = 500;

    // Text XML compresses well (about 10:1 to 30:1); a part far beyond that is a bomb.
    private const int MaxRatio = 200;

    /// <summary>Reads at most <c>limit</c> bytes of the inner stream; more is a <see cref="InvalidDataException"/>.</summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return BytesRead > limit ? throw new InvalidDataException("The workbook is larger than allowed once unzipped.") : n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
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
