using Kamino.Currencies;
using Kamino.Data;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Demo;

/// <summary>
/// The demo's exchange-rate table: a rate of the US dollar and the pound sterling per euro on the first day of every
/// month of the demo's history (made-up values near the real ones), so the rates page and a USD or GBP import show
/// conversion at work. Written without an audit entry, as the rest of the demo data.
/// </summary>
public static class DemoRates
{
    public static async Task AddAsync(KaminoDatabase database, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var workspaceId = await db.Workspaces.Where(w => w.Slug == DemoData.WorkspaceSlug).Select(w => w.Id).SingleAsync(ct);
        var month = 0;
        for (var day = new DateOnly(first.Year, first.Month, 1); day <= last; day = day.AddMonths(1), month++)
        {
            // A gentle wave: 1.06–1.10 USD and 0.84–0.86 GBP per euro.
            db.ExchangeRates.Add(new ExchangeRate { WorkspaceId = workspaceId, Currency = "USD", Date = day, Rate = 1.08m + (month % 5 - 2) * 0.01m });
            db.ExchangeRates.Add(new ExchangeRate { WorkspaceId = workspaceId, Currency = "GBP", Date = day, Rate = 0.85m + (month % 3 - 1) * 0.01m });
        }

        await db.SaveChangesAsync(ct);
    }
}
