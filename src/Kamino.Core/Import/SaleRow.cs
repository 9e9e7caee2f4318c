namespace Kamino.Import;

/// <summary>The fields a sales source can give for a line (names used by <c>--map FIELD=COLUMN</c>).</summary>
public enum SaleField
{
    DocumentNumber,
    LineNumber,
    Date,
    CustomerId,
    CustomerName,
    CustomerTaxId,
    ProductSku,
    ProductName,
    Quantity,
    UnitPrice,
    DiscountPct,
    NetAmount,
    Currency,
}

/// <summary>A validated line read from a source file, before it is matched to a customer id.</summary>
/// <param name="SourceLine">1-based physical line (or element position) in the file, for messages.</param>
/// <param name="CustomerKey">Tax id when the source gives one, else the source's customer id.</param>
/// <param name="NetCents">Net amount in minor units; negative for credit lines.</param>
public sealed record SaleRow(
    int SourceLine,
    string IssuerTaxId,
    string DocumentNumber,
    int LineNumber,
    DateOnly Date,
    string CustomerKey,
    string CustomerName,
    string? CustomerTaxId,
    string? ProductSku,
    string? ProductName,
    decimal Quantity,
    decimal UnitPrice,
    decimal DiscountPct,
    long NetCents,
    string? Currency);

/// <summary>A reason a file cannot be imported, located at a line of it (0 = the file as a whole).</summary>
public sealed record ImportProblem(string File, int Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Reason}" : $"{File}: {Reason}";
}
