namespace Kamino.Import;

/// <summary>
/// A file of sales in one format: CSV, Excel .xlsx, UBL, Facturae or CII. <see cref="Read"/> streams the file once and yields,
/// in file order, either a <see cref="SaleRow"/> or an <see cref="ImportProblem"/> naming where the file is wrong.
/// </summary>
public interface ISalesSource
{
    /// <summary>Short lower-case name recorded in the import history: <c>csv</c>, <c>xlsx</c>, <c>ubl</c>, <c>facturae</c>, <c>cii</c>.</summary>
    string FormatName { get; }

    /// <summary>The file's lines and problems; any problem rejects the whole file.</summary>
    IEnumerable<object> Read();
}
