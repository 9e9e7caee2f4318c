using System.Globalization;
using System.Text;
using Kamino.Data;
using Kamino.Import;
using Kamino.Workspaces;

namespace Kamino.Demo;

/// <summary>
/// The demo workspace <c>demo</c>: Voltia Motos Eléctricas, an electric-motorbike rental company in Valencia
/// with about 300 customers (a pizza delivery chain, couriers, hotels, tour operators, corporate fleets,
/// universities, city councils, shops and one-off renters) and 24 months of invoices and credit notes ending
/// on the last day of the month before today. Its sales are written as a CSV file and imported with
/// <see cref="SalesImporter"/>, so the demo goes through the same code as a user's file.
/// </summary>
public static class DemoData
{
    public const string WorkspaceSlug = "demo";

    public const string CompanyName = "Voltia Motos Eléctricas S.L.";

    /// <summary>Customer id of the pizza delivery chain, the largest key account.</summary>
    public const string PizzaChainCustomerId = "CLI-0001";

    /// <summary>Name of the pizza delivery chain.</summary>
    public const string PizzaChainName = DemoSales.PizzaChainName;

    /// <summary>The demo's default language: the business is in Valencia.</summary>
    public static readonly CultureInfo DefaultLanguage = CultureInfo.GetCultureInfo("es-ES");

    /// <summary>
    /// Creates the demo workspace unless a workspace <c>demo</c> exists already. Returns true when it created
    /// it, false (changing nothing) when it existed. The data are the same on every run within one month
    /// of <paramref name="clock"/>'s local date; the database must be migrated. Every text of the demo (tiers,
    /// criteria, reasons, notes, and what <c>serve --demo</c> adds later) is in <paramref name="language"/>:
    /// Spanish for a Spanish culture, else English.
    /// </summary>
    public static async Task<bool> EnsureAsync(KaminoDatabase database, TimeProvider clock, CultureInfo language, CancellationToken ct = default)
    {
        await using (var db = database.CreateDbContext())
        {
            // Created first, so that its default tiers and criteria are named in the demo's language; the import fills it.
            var (created, _) = await NewWorkspace.CreateAsync(db, WorkspaceSlug, CompanyName, "EUR", language, clock, ct);
            if (created is null)
            {
                return false;
            }
        }

        var path = Path.Combine(Path.GetTempPath(), $"kamino-demo-{Guid.NewGuid():N}.csv");
        try
        {
            await WriteCsvAsync(path, DemoSales.Generate(LastDay(clock)), ct);
            var result = await new SalesImporter(database, clock).ImportAsync(new ImportRequest(WorkspaceSlug, path, "voltia-ventas.csv"), (IProgress<int>?)null, ct);
            if (!result.Imported)
            {
                // The generator and the importer disagree: a bug, not an outcome for the user.
                throw new InvalidOperationException("The importer rejected the demo data: " + string.Join("; ", result.Problems.Take(5)));
            }
        }
        finally
        {
            File.Delete(path);
        }

        await DemoRates.AddAsync(database, FirstDay(clock), LastDay(clock), ct);
        var spanish = Language.IsSpanish(language);
        await DemoDecisions.ApplyAsync(database, spanish, clock, ct);
        await DemoContacts.AddAsync(database, spanish, clock, ct);
        return true;
    }

    /// <summary>The last day of the month before <paramref name="clock"/>'s local date: the end of the demo's history.</summary>
    public static DateOnly LastDay(TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        return new DateOnly(today.Year, today.Month, 1).AddDays(-1);
    }

    /// <summary>The first day of the demo's 24 months of history.</summary>
    public static DateOnly FirstDay(TimeProvider clock) => DemoSales.FirstDay(LastDay(clock));

    private static async Task WriteCsvAsync(string path, IReadOnlyList<DemoDocument> documents, CancellationToken ct)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await writer.WriteLineAsync("invoice_number,invoice_date,customer_id,customer_name,product_sku,product_name,quantity,unit_price,discount_pct,line_total,currency");
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        foreach (var d in documents)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var l in d.Lines)
            {
                sb.Clear()
                    .Append(d.Number).Append(',')
                    .Append(d.Date.ToString("yyyy-MM-dd", inv)).Append(',')
                    .Append(d.Customer.Id).Append(',')
                    .Append(Field(d.Customer.Name)).Append(',')
                    .Append(l.Product.Sku).Append(',')
                    .Append(Field(l.Product.Name)).Append(',')
                    .Append(l.Quantity.ToString(inv)).Append(',')
                    .Append(l.UnitPrice.ToString("0.00", inv)).Append(',')
                    .Append(l.DiscountPct.ToString(inv)).Append(',')
                    .Append(l.Net.ToString("0.00", inv)).Append(",EUR");
                await writer.WriteLineAsync(sb, ct);
            }
        }
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
