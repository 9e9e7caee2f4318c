using System.Globalization;
using Kamino.Exports;
using MiniExcelLibs;

namespace Kamino.Tests.Exports;

public sealed class XlsxExportTests
{
    [Fact]
    public void Write_HeadersThenTypedCells_TextNeutralised_AsExcelReadsThem()
    {
        var table = new ExportTable("key-accounts", ["key", "name", "revenue", "due", "at", "key account"],
        [
            ["C1", "=cmd|'/C calc'!A0", -12.5m, new DateOnly(2026, 3, 1), new DateTimeOffset(2026, 3, 1, 10, 30, 0, TimeSpan.FromHours(1)), true],
            ["C2", "Añil S.L.", 3, null, null, false],
        ]);
        using var stream = new MemoryStream(XlsxExport.Bytes(table));

        Assert.Equal(["key-accounts"], stream.GetSheetNames());
        Assert.Equal(["key", "name", "revenue", "due", "at", "key account"], stream.GetColumns(useHeaderRow: true));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("'=cmd|'/C calc'!A0", rows[0]["name"]);
        Assert.Equal(-12.5, Convert.ToDouble(rows[0]["revenue"], CultureInfo.InvariantCulture));
        Assert.Equal(new DateTime(2026, 3, 1), rows[0]["due"]);
        Assert.Equal(new DateTime(2026, 3, 1, 9, 30, 0), rows[0]["at"]);
        Assert.Equal(("Añil S.L.", 3.0), ((string?)rows[1]["name"], Convert.ToDouble(rows[1]["revenue"], CultureInfo.InvariantCulture)));
        Assert.Null(rows[1]["due"]);
    }

    [Fact]
    public void Write_AnEmptyList_StillHasItsHeaderRow()
    {
        using var stream = new MemoryStream(XlsxExport.Bytes(new ExportTable("orders", ["number", "customer"], [])));
        var rows = stream.Query().Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["number", "customer"], rows.Single().Values);
    }
}
