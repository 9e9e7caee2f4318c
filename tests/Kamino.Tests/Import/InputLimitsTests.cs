using System.Text;
using Kamino.Import;

namespace Kamino.Tests.Import;

/// <summary>
/// Issue 10 item 2: a small file that expands to a huge cell, line or text node is refused before it is held in
/// memory, with a reason naming the file and where. Each test bounds the bytes the reading thread allocates:
/// reading the whole value would take gigabytes (the 1 GiB cell took the server to 4.5 GB before the fix).
/// </summary>
public sealed class InputLimitsTests : IDisposable
{
    private const long MaxAllocated = 64L << 20;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static (ImportProblem Problem, long Allocated) ReadOneProblem(string path)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var items = SalesSources.Open(path).Read().ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return (Assert.Single(items.OfType<ImportProblem>()), allocated);
    }

    [Fact]
    public void Read_WorkbookWithAGibibyteSharedString_RefusedWithoutHoldingIt()
    {
        var path = Path.Combine(folder.Path, "bomb.xlsx");
        HostileFiles.Workbook(path, 1L << 30);

        var (problem, allocated) = ReadOneProblem(path);

        Assert.True(new FileInfo(path).Length < 16 << 20);
        Assert.Equal("bomb.xlsx", problem.File);
        Assert.Equal("shared string #0 is longer than 32,767 characters (Excel's limit for a cell)", problem.Reason);
        Assert.True(allocated < MaxAllocated, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Read_WorkbookWithAGibibyteInlineCell_RefusedNamingSheetAndCell()
    {
        var path = Path.Combine(folder.Path, "inline.xlsx");
        HostileFiles.Workbook(path, 1L << 30, sharedString: false);

        var (problem, allocated) = ReadOneProblem(path);

        Assert.Equal(("inline.xlsx", 2), (problem.File, problem.Line));
        Assert.Equal("sheet 'Sales', cell B2: the text is longer than 32,767 characters (Excel's limit for a cell)", problem.Reason);
        Assert.True(allocated < MaxAllocated, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Read_WorkbookWithACellAtTheLimit_PassesTheLimitsToTheRowParser()
    {
        var path = Path.Combine(folder.Path, "fine.xlsx");
        HostileFiles.Workbook(path, XlsxLimits.MaxCellChars);

        var items = SalesSources.Open(path).Read().ToList();

        // Read by MiniExcel, then refused by the row rules (names hold 300 characters), not by the workbook limits.
        var problem = Assert.IsType<ImportProblem>(Assert.Single(items));
        Assert.Equal((2, "customer id or name is too long"), (problem.Line, problem.Reason));
    }

    [Fact]
    public void Read_CsvWithAHugeLine_RefusedAtThatLine()
    {
        var path = Path.Combine(folder.Path, "long.csv");
        using (var file = File.Create(path))
        {
            file.Write("date,customer,amount\n2024-01-01,C1,1\n2024-01-02,"u8);
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)'x');
            for (var i = 0; i < 64; i++)
            {
                file.Write(block);
            }

            file.Write(",1\n"u8);
        }

        var (problem, allocated) = ReadOneProblem(path);

        Assert.Equal(("long.csv", 3), (problem.File, problem.Line));
        Assert.StartsWith("the line is longer than 3,145,728 bytes", problem.Reason, StringComparison.Ordinal);
        Assert.True(allocated < MaxAllocated, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void Read_EInvoiceWithAHugeText_RefusedAtItsLine()
    {
        var path = Path.Combine(folder.Path, "note.xml");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.Write(RobustnessTests.Root("ubl") + "\n<Note>");
            writer.Write(new string('a', 40 << 20));
            writer.Write("</Note></Invoice>");
        }

        var (problem, allocated) = ReadOneProblem(path);

        Assert.Equal(("note.xml", 2), (problem.File, problem.Line));
        Assert.Equal("the text of element Note is longer than 1,048,576 characters", problem.Reason);
        Assert.True(allocated < MaxAllocated, $"{allocated:N0} bytes allocated");
    }
}
