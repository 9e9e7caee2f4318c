using System.Globalization;
using System.Text;

namespace Kamino.Import;

/// <summary>
/// Matches column headers to <see cref="SaleField"/>s through Spanish and English synonyms, ignoring case,
/// accents, spaces and punctuation. The table is documented in docs/import.md.
/// </summary>
public static class HeaderMatcher
{
    private static readonly Dictionary<string, SaleField> Synonyms = Build(
        (SaleField.DocumentNumber, ["documentnumber", "document", "invoicenumber", "invoice", "invoiceno", "invoiceid", "docnumber", "numerofactura", "numerodefactura", "nofactura", "factura", "nfactura", "numfactura", "numero", "documento", "numerodocumento"]),
        (SaleField.LineNumber, ["linenumber", "line", "lineno", "linea", "numerolinea", "numerodelinea", "nolinea", "nlinea"]),
        (SaleField.Date, ["date", "invoicedate", "issuedate", "documentdate", "fecha", "fechafactura", "fechadefactura", "fechadeemision", "fechaemision"]),
        (SaleField.CustomerId, ["customerid", "customercode", "customerno", "customernumber", "clientid", "clienteid", "idcliente", "codigocliente", "codigodecliente", "codcliente", "numerocliente"]),
        (SaleField.CustomerName, ["customername", "customer", "client", "clientname", "cliente", "nombrecliente", "nombredelcliente", "nombredecliente", "razonsocial", "nombre"]),
        (SaleField.CustomerTaxId, ["customertaxid", "taxid", "vat", "vatnumber", "vatid", "nif", "cif", "nifcliente", "cifcliente", "dni"]),
        (SaleField.ProductSku, ["productsku", "sku", "productcode", "productid", "itemcode", "producto", "codigoproducto", "referencia", "articulo", "codarticulo"]),
        (SaleField.ProductName, ["productname", "product", "item", "description", "descripcion", "nombreproducto", "concepto"]),
        (SaleField.Quantity, ["quantity", "qty", "units", "cantidad", "unidades", "uds"]),
        (SaleField.UnitPrice, ["unitprice", "price", "precio", "preciounitario", "preciounidad", "pvp"]),
        (SaleField.DiscountPct, ["discountpct", "discount", "discountpercent", "descuento", "descuentopct", "dto", "dtopct"]),
        (SaleField.NetAmount, ["netamount", "linetotal", "amount", "net", "total", "nettotal", "importe", "importeneto", "baseimponible", "base", "totallinea", "neto"]),
        (SaleField.Currency, ["currency", "moneda", "divisa", "currencycode"]));

    /// <summary>Header text reduced to lower-case ASCII letters and digits (accents dropped).</summary>
    public static string Normalize(string header)
    {
        // Compatibility decomposition also turns the ordinal in "Nº" into a plain "o".
        var decomposed = header.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>The field a header names, if any.</summary>
    public static SaleField? Match(string header) =>
        Synonyms.TryGetValue(Normalize(header), out var f) ? f : null;

    /// <summary>
    /// Column index per field for a header row: explicit <paramref name="overrides"/> first, then the first
    /// column whose header matches each field. Unmatched columns are ignored.
    /// </summary>
    public static Dictionary<SaleField, int> MapColumns(IReadOnlyList<string> headers, IReadOnlyDictionary<SaleField, string>? overrides, out List<Said> problems)
    {
        problems = [];
        var map = new Dictionary<SaleField, int>();
        if (overrides is not null)
        {
            foreach (var (field, column) in overrides)
            {
                var index = -1;
                for (var i = 0; i < headers.Count; i++)
                {
                    if (string.Equals(headers[i].Trim(), column.Trim(), StringComparison.OrdinalIgnoreCase))
                    {
                        index = i;
                        break;
                    }
                }

                if (index < 0)
                {
                    problems.Add(Said.Of("import.header-map", field, column));
                }
                else
                {
                    map[field] = index;
                }
            }
        }

        for (var i = 0; i < headers.Count; i++)
        {
            if (map.ContainsValue(i))
            {
                continue;
            }

            if (Match(headers[i]) is { } f && !map.ContainsKey(f))
            {
                map[f] = i;
            }
        }

        return map;
    }

    private static Dictionary<string, SaleField> Build(params (SaleField Field, string[] Names)[] entries)
    {
        var d = new Dictionary<string, SaleField>(StringComparer.Ordinal);
        foreach (var (field, names) in entries)
        {
            foreach (var n in names)
            {
                d.Add(n, field);
            }
        }

        return d;
    }
}
