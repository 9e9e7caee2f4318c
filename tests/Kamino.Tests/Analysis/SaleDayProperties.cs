using FsCheck;
using FsCheck.Fluent;
using Kamino.Analysis;
using Kamino.Import;

namespace Kamino.Tests.Analysis;

/// <summary>
/// Any sequence of inserts, deletes and updates of sale lines, one row or many per statement, by raw SQL or EF Core,
/// in two workspaces, leaves <c>sale_day</c> equal to the lines grouped by workspace, customer and date
/// (<see cref="SaleDayCheck"/>), and empty once the lines are gone. Customers, days and amounts come from small
/// ranges so that lines meet on one day, days empty and refill, and sums cross zero.
/// </summary>
public abstract class SaleDayProperties(Engine engine, int cases) : DatabaseTests(engine)
{
    /// <summary>One change: what it does, where, and which stored line it picks (modulo their count).</summary>
    public sealed record Change(int Kind, int Workspace, int Customer, int Day, int Cents, int Pick);

    private static Gen<Change> AnyChange =>
        from kind in Gen.Choose(0, 6)
        from ws in Gen.Choose(0, 1)
        from customer in Gen.Choose(1, 3)
        from day in Gen.Choose(1, 4)
        from cents in Gen.Choose(-1_000, 1_000)
        from pick in Gen.Choose(0, 1_000)
        select new Change(kind, ws, customer, day, cents, pick);

    private int[] workspaces = [];

    protected override async Task SeedAsync()
    {
        foreach (var slug in new[] { "acme", "beta" })
        {
            var file = Folder.Write($"{slug}.csv", "invoice,date,customer_id,customer_name,amount\nS-1,2024-01-01,C1,Uno,1.00");
            Assert.True((await new SalesImporter(Test.Database, TimeProvider.System).ImportAsync(new ImportRequest(slug, file))).Imported);
        }

        await using var db = Db();
        workspaces = await db.Workspaces.OrderBy(w => w.Slug).Select(w => w.Id).ToArrayAsync();
    }

    [Fact]
    public void AnyChanges_SaleDayEqualsTheGroupedLines()
    {
        var property = Prop.ForAll(Gen.ListOf(AnyChange).ToArbitrary(), changes =>
        {
            using var db = Db();
            var lines = new List<(int Ws, string Doc)>();
            var next = 0;
            foreach (var c in changes)
            {
                Apply(db, c, lines, ref next);
            }

            var check = SaleDayCheck.RunAsync(db, null).GetAwaiter().GetResult();
            Assert.True(check.Matches, string.Join('\n', check.Differences));
            Assert.Equal(lines.Count + 2, check.Lines);

            db.Database.ExecuteSqlRaw("DELETE FROM sale_line WHERE document_number LIKE 'P-%'");
            Assert.Equal(2, db.SaleDays.Count()); // the seed's two days stay
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases), property);
    }

    private void Apply(KaminoDb db, Change c, List<(int Ws, string Doc)> lines, ref int next)
    {
        var ws = workspaces[c.Workspace];
        var date = new DateOnly(2024, 6, c.Day);
        var picked = lines.Count == 0 ? ((int Ws, string Doc)?)null : lines[c.Pick % lines.Count];
        switch (c.Kind)
        {
            case 0 or 1:
                // One line, or two lines of one customer and day in one statement.
                var first = $"P-{next++}";
                var second = $"P-{next++}";
                var rows = c.Kind == 0 ? 1 : 2;
                db.Database.ExecuteSql(rows == 1
                    ? (FormattableString)$"INSERT INTO sale_line (workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id, quantity, unit_price, discount_pct, net_cents, currency) VALUES ({ws}, '', {first}, 1, {date}, {c.Customer}, 1, 1, 0, 0, {c.Cents}, 'EUR')"
                    : $"INSERT INTO sale_line (workspace_id, issuer_tax_id, document_number, line_number, date, customer_id, import_id, quantity, unit_price, discount_pct, net_cents, currency) VALUES ({ws}, '', {first}, 1, {date}, {c.Customer}, 1, 1, 0, 0, {c.Cents}, 'EUR'), ({ws}, '', {second}, 1, {date}, {c.Customer}, 1, 1, 0, 0, {-c.Cents / 2}, 'EUR')");
                lines.Add((ws, first));
                if (rows == 2)
                {
                    lines.Add((ws, second));
                }

                break;
            case 2 when picked is { } p:
                db.Database.ExecuteSql($"DELETE FROM sale_line WHERE workspace_id = {p.Ws} AND document_number = {p.Doc}");
                lines.Remove(p);
                break;
            case 3 when picked is { } p:
                db.Database.ExecuteSql($"UPDATE sale_line SET customer_id = {c.Customer}, date = {date}, net_cents = {c.Cents} WHERE workspace_id = {p.Ws} AND document_number = {p.Doc}");
                break;
            case 4:
                // Every line of a customer onto one day, in one statement.
                db.Database.ExecuteSql($"UPDATE sale_line SET date = {date} WHERE workspace_id = {ws} AND customer_id = {c.Customer} AND document_number LIKE 'P-%'");
                break;
            case 5:
                var gone = db.Database.SqlQuery<string>($"SELECT document_number AS \"Value\" FROM sale_line WHERE workspace_id = {ws} AND customer_id = {c.Customer} AND document_number LIKE 'P-%'").ToList();
                db.Database.ExecuteSql($"DELETE FROM sale_line WHERE workspace_id = {ws} AND customer_id = {c.Customer} AND document_number LIKE 'P-%'");
                lines.RemoveAll(l => l.Ws == ws && gone.Contains(l.Doc));
                break;
            case 6 when picked is { } p:
                // A tracked change: amount and day of one line.
                var line = db.SaleLines.Single(s => s.WorkspaceId == p.Ws && s.DocumentNumber == p.Doc);
                line.NetCents = c.Cents;
                line.Date = date;
                db.SaveChanges();
                db.ChangeTracker.Clear();
                break;
        }
    }
}

public sealed class SqliteSaleDayProperties() : SaleDayProperties(Engine.Sqlite, 100);

[Trait("Category", "Slow")]
public sealed class PostgresSaleDayProperties() : SaleDayProperties(Engine.Postgres, 40);
