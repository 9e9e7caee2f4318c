namespace Kamino.Import;

/// <summary>
/// One invoice or credit-note line. Its identity (PRODUCT.md §4) is the primary key:
/// workspace, issuer tax id ("" when the source gives none), document number and line number.
/// </summary>
public sealed class SaleLine
{
    public int WorkspaceId { get; set; }

    /// <summary>Seller's tax id as the source states it, or empty when the source has none.</summary>
    public string IssuerTaxId { get; set; } = "";

    public required string DocumentNumber { get; set; }

    /// <summary>Line number within the document; its position in the file when the source has none.</summary>
    public int LineNumber { get; set; }

    public DateOnly Date { get; set; }

    public long CustomerId { get; set; }

    public long ImportId { get; set; }

    public string? ProductSku { get; set; }

    public string? ProductName { get; set; }

    public decimal Quantity { get; set; }

    public decimal UnitPrice { get; set; }

    /// <summary>Discount in percent (12.5 means 12.5 %).</summary>
    public decimal DiscountPct { get; set; }

    /// <summary>Net amount (after discounts, before taxes) in minor units (cents); negative on credit notes.</summary>
    public long NetCents { get; set; }

    /// <summary>The reporting currency <see cref="NetCents"/> is in (the workspace's).</summary>
    public required string Currency { get; set; }

    /// <summary>The net amount as the source states it, in cents of <see cref="OriginalCurrency"/>; null when the line was in the reporting currency.</summary>
    public long? OriginalNetCents { get; set; }

    /// <summary>The currency the source states when it is not the reporting one (the line was converted); else null.</summary>
    public string? OriginalCurrency { get; set; }
}
