using Kamino.Import;

namespace Kamino.Tests.Import;

public sealed class HeaderMatcherTests
{
    [Theory]
    [InlineData("date", SaleField.Date)]
    [InlineData("Fecha", SaleField.Date)]
    [InlineData("Fecha emisión", SaleField.Date)]
    [InlineData("FECHA_FACTURA", SaleField.Date)]
    [InlineData("invoice_number", SaleField.DocumentNumber)]
    [InlineData("Nº Factura", SaleField.DocumentNumber)]
    [InlineData("Número de factura", SaleField.DocumentNumber)]
    [InlineData("Línea", SaleField.LineNumber)]
    [InlineData("customer", SaleField.CustomerName)]
    [InlineData("cliente", SaleField.CustomerName)]
    [InlineData("Razón social", SaleField.CustomerName)]
    [InlineData("Customer ID", SaleField.CustomerId)]
    [InlineData("Código de cliente", SaleField.CustomerId)]
    [InlineData("NIF", SaleField.CustomerTaxId)]
    [InlineData("VAT number", SaleField.CustomerTaxId)]
    [InlineData("importe", SaleField.NetAmount)]
    [InlineData("Total", SaleField.NetAmount)]
    [InlineData("line_total", SaleField.NetAmount)]
    [InlineData("Base imponible", SaleField.NetAmount)]
    [InlineData("Cantidad", SaleField.Quantity)]
    [InlineData("Qty", SaleField.Quantity)]
    [InlineData("Precio unitario", SaleField.UnitPrice)]
    [InlineData("Descuento %", SaleField.DiscountPct)]
    [InlineData("moneda", SaleField.Currency)]
    public void Match_KnownSynonym_GivesField(string header, SaleField expected)
    {
        Assert.Equal(expected, HeaderMatcher.Match(header));
    }

    [Theory]
    [InlineData("notes")]
    [InlineData("observaciones")]
    [InlineData("")]
    public void Match_UnknownHeader_GivesNothing(string header)
    {
        Assert.Null(HeaderMatcher.Match(header));
    }

    [Fact]
    public void MapColumns_TwoColumnsForOneField_FirstWins()
    {
        var map = HeaderMatcher.MapColumns(["fecha", "importe", "total"], null, out var problems);

        Assert.Empty(problems);
        Assert.Equal(1, map[SaleField.NetAmount]);
    }
}
