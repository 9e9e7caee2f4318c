namespace Kamino.Testing;

/// <summary>
/// Small sales files in other currencies, written for the currency tests (one folder's worth), with the figures they
/// must give in euros. UBL in USD with a tax exchange rate of 0.9 (100.00 → 90.00, 33.35 → 30.015 → 30.02 half away
/// from zero), CII in GBP with a trade currency exchange of 1.2 (50.00 → 60.00), Facturae in USD with the Banco de
/// España's 1.25 USD per euro (100.00 → 80.00), and a CSV in USD that needs the rate table.
/// </summary>
public static class CurrencySamples
{
    public const string Ubl = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <cbc:ID>US-7</cbc:ID>
          <cbc:IssueDate>2026-03-10</cbc:IssueDate>
          <cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode>
          <cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>
          <cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>ESB12345674</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>
          <cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>US123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity><cbc:RegistrationName>Liberty Pizza Inc</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
          <cac:TaxExchangeRate><cbc:SourceCurrencyCode>USD</cbc:SourceCurrencyCode><cbc:TargetCurrencyCode>EUR</cbc:TargetCurrencyCode><cbc:CalculationRate>0.9</cbc:CalculationRate><cbc:MathematicOperatorCode>Multiply</cbc:MathematicOperatorCode></cac:TaxExchangeRate>
          <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="USD">133.35</cbc:LineExtensionAmount></cac:LegalMonetaryTotal>
          <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="USD">100.00</cbc:LineExtensionAmount><cac:Item><cbc:Name>Scooter rental</cbc:Name></cac:Item><cac:Price><cbc:PriceAmount currencyID="USD">100.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
          <cac:InvoiceLine><cbc:ID>2</cbc:ID><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="USD">33.35</cbc:LineExtensionAmount><cac:Item><cbc:Name>Helmet</cbc:Name></cac:Item><cac:Price><cbc:PriceAmount currencyID="USD">33.35</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
        </Invoice>
        """;

    public const string Cii = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
          <rsm:ExchangedDocument><ram:ID>UK-3</ram:ID><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">20260312</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
          <rsm:SupplyChainTradeTransaction>
            <ram:IncludedSupplyChainTradeLineItem>
              <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
              <ram:SpecifiedTradeProduct><ram:Name>Delivery bikes</ram:Name></ram:SpecifiedTradeProduct>
              <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>50.00</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
              <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
              <ram:SpecifiedLineTradeSettlement><ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>50.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>
            </ram:IncludedSupplyChainTradeLineItem>
            <ram:ApplicableHeaderTradeAgreement>
              <ram:SellerTradeParty><ram:Name>Kamino Rentals SL</ram:Name><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">ESB12345674</ram:ID></ram:SpecifiedTaxRegistration></ram:SellerTradeParty>
              <ram:BuyerTradeParty><ram:Name>London Couriers Ltd</ram:Name><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">GB123456789</ram:ID></ram:SpecifiedTaxRegistration></ram:BuyerTradeParty>
            </ram:ApplicableHeaderTradeAgreement>
            <ram:ApplicableHeaderTradeSettlement>
              <ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode>
              <ram:InvoiceCurrencyCode>GBP</ram:InvoiceCurrencyCode>
              <ram:TaxApplicableTradeCurrencyExchange><ram:SourceCurrencyCode>GBP</ram:SourceCurrencyCode><ram:TargetCurrencyCode>EUR</ram:TargetCurrencyCode><ram:ConversionRate>1.2</ram:ConversionRate></ram:TaxApplicableTradeCurrencyExchange>
              <ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>50.00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>50.00</ram:TaxBasisTotalAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>
            </ram:ApplicableHeaderTradeSettlement>
          </rsm:SupplyChainTradeTransaction>
        </rsm:CrossIndustryInvoice>
        """;

    public const string Facturae = """
        <?xml version="1.0" encoding="UTF-8"?>
        <fe:Facturae xmlns:fe="http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml">
          <FileHeader><SchemaVersion>3.2.2</SchemaVersion><Modality>I</Modality><InvoiceIssuerType>EM</InvoiceIssuerType>
            <Batch><InvoicesCount>1</InvoicesCount><TotalInvoicesAmount><TotalAmount>100.00</TotalAmount></TotalInvoicesAmount></Batch></FileHeader>
          <Parties>
            <SellerParty><TaxIdentification><PersonTypeCode>J</PersonTypeCode><ResidenceTypeCode>R</ResidenceTypeCode><TaxIdentificationNumber>B12345674</TaxIdentificationNumber></TaxIdentification>
              <LegalEntity><CorporateName>Kamino Rentals SL</CorporateName></LegalEntity></SellerParty>
            <BuyerParty><TaxIdentification><PersonTypeCode>J</PersonTypeCode><ResidenceTypeCode>E</ResidenceTypeCode><TaxIdentificationNumber>US987654321</TaxIdentificationNumber></TaxIdentification>
              <LegalEntity><CorporateName>Boston Slices LLC</CorporateName></LegalEntity></BuyerParty>
          </Parties>
          <Invoices>
            <Invoice>
              <InvoiceHeader><InvoiceNumber>0099</InvoiceNumber><InvoiceSeriesCode>X</InvoiceSeriesCode><InvoiceDocumentType>FC</InvoiceDocumentType><InvoiceClass>OO</InvoiceClass></InvoiceHeader>
              <InvoiceIssueData><IssueDate>2026-03-14</IssueDate><ExchangeRateDetails><ExchangeRate>1.25</ExchangeRate><ExchangeRateDate>2026-03-13</ExchangeRateDate></ExchangeRateDetails><InvoiceCurrencyCode>USD</InvoiceCurrencyCode><TaxCurrencyCode>EUR</TaxCurrencyCode><LanguageName>es</LanguageName></InvoiceIssueData>
              <InvoiceTotals><TotalGrossAmount>100.00</TotalGrossAmount><TotalGrossAmountBeforeTaxes>100.00</TotalGrossAmountBeforeTaxes><TotalTaxOutputs>0.00</TotalTaxOutputs><TotalTaxesWithheld>0.00</TotalTaxesWithheld><InvoiceTotal>100.00</InvoiceTotal></InvoiceTotals>
              <Items>
                <InvoiceLine><SequenceNumber>1</SequenceNumber><ItemDescription>Fleet maintenance</ItemDescription><Quantity>1</Quantity><UnitPriceWithoutTax>100.00</UnitPriceWithoutTax><TotalCost>100.00</TotalCost><GrossAmount>100.00</GrossAmount></InvoiceLine>
              </Items>
            </Invoice>
          </Invoices>
        </fe:Facturae>
        """;

    /// <summary>Euro lines and a USD line of 2026-02-15 (110.00) and 2026-03-05 (125.00): 100.00 EUR each with <see cref="RatesTable"/>.</summary>
    public const string Csv = """
        invoice,line,date,customer,amount,currency
        C-1,1,2026-02-10,Pizza Roma,200.00,EUR
        C-2,1,2026-02-15,NY Deli,110.00,USD
        C-3,1,2026-03-05,NY Deli,125.00,USD
        """;

    /// <summary>USD per euro: 1.10 from 2026-01-01, 1.25 from 2026-03-01.</summary>
    public const string RatesTable = """
        date,currency,rate
        2026-01-01,USD,1.10
        2026-03-01,USD,1.25
        """;

    /// <summary>The ECB's shape (trailing commas, N/A): per euro, USD 1.10 on 2026-01-02, 1.25 on 2026-03-02; GBP 0.80 on both.</summary>
    public const string RatesEcb = """
        Date,USD,JPY,GBP,
        2026-03-02,1.2500,N/A,0.8000,
        2026-01-02,1.1000,160.50,0.8000,
        """;

    /// <summary>Writes the four sales files into <paramref name="folder"/> and returns it.</summary>
    public static string WriteFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a-ubl-usd.xml"), Ubl);
        File.WriteAllText(Path.Combine(folder, "b-cii-gbp.xml"), Cii);
        File.WriteAllText(Path.Combine(folder, "c-facturae-usd.xml"), Facturae);
        File.WriteAllText(Path.Combine(folder, "d-sales.csv"), Csv);
        return folder;
    }

    /// <summary>In euros: UBL 90.00 + 30.02, CII 60.00, Facturae 80.00, CSV 200.00 + 100.00 + 100.00.</summary>
    public const long TotalEuroCents = 9000 + 3002 + 6000 + 8000 + 20000 + 10000 + 10000;

    /// <summary>Lines converted from another currency among them.</summary>
    public const int ConvertedLines = 6;
}
