using System.Globalization;
using Kamino.Analysis;
using Kamino.Plans;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Kamino.Exports;

/// <summary>
/// The portfolio report as A4 pages of PDF (PDFsharp, the fonts of <see cref="PlanFonts"/>): the workspace and period, a
/// summary, a Pareto chart (bars: each of the first customers' share; line: the cumulative share; a dashed line at the
/// Pareto threshold), revenue and customers per ABC class, concentration, then the key accounts with owner, health and
/// next check-in on as many pages as they need. Bands and statuses are words, never colour alone.
/// </summary>
public static class PortfolioPdf
{
    /// <summary>The chart shows at most this many customers (the line still reaches their cumulative share).</summary>
    public const int ChartCustomers = 40;

    private const double Margin = 40;
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Line = 12;

    private static readonly double[] AccountColumns = [160, 60, 100, 70, 125];

    /// <summary>The PDF's bytes.</summary>
    public static byte[] Render(PortfolioReport report, PortfolioPdfLabels labels)
    {
        PlanFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"{labels.Title} · {report.WorkspaceName}";
        document.Info.Creator = "Kamino";
        new Writer(document, labels).Report(report);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private sealed class Writer(PdfDocument document, PortfolioPdfLabels labels)
    {
        private readonly XFont title = new(PlanFonts.Family, 18, XFontStyleEx.Bold);
        private readonly XFont heading = new(PlanFonts.Family, 12, XFontStyleEx.Bold);
        private readonly XFont bold = new(PlanFonts.Family, 9, XFontStyleEx.Bold);
        private readonly XFont text = new(PlanFonts.Family, 9, XFontStyleEx.Regular);
        private readonly XFont small = new(PlanFonts.Family, 7, XFontStyleEx.Regular);
        private readonly XPen thin = new(XColors.Black, 0.5);
        private readonly List<PdfPage> pages = [];
        private XGraphics gfx = null!;
        private double y;

        private CultureInfo C => labels.Culture;

        private static double Width => PageWidth - (2 * Margin);

        public void Report(PortfolioReport r)
        {
            NewPage();
            var p = r.Pareto;
            Write(labels.Title, title, 24);
            Write(r.WorkspaceName, heading, 18);
            var period = p.Period.From is { } from && p.Period.To is { } to ? $"{Date(from)} – {Date(to)}" : labels.NoSales;
            Write($"{labels.Period}: {period} · {labels.Printed}: {Date(r.PrintedOn)}", text, 16);
            Rule();

            Write(labels.Summary, heading, 16);
            Write($"{labels.TotalRevenue}: {Money(p.TotalRevenue, p.Currency)} · {labels.Customers}: {p.CustomerCount.ToString("N0", C)}", text, Line);
            if (p.ParetoCustomerShare is { } cs && p.ParetoRevenueShare is { } rs)
            {
                Write(string.Format(C, labels.ParetoLine, p.ParetoCount.ToString("N0", C), Percent(cs), Percent(rs), Percent(p.Threshold)), text, Line);
            }
            else if (p.Note is { } note)
            {
                Write(note, text, Line);
            }

            y += 8;
            Chart(p);
            Classes(p);
            Concentration(p.Concentration);
            KeyAccounts(r);
            Footers();
        }

        private void Chart(ParetoReport p)
        {
            var shown = p.Customers.Take(ChartCustomers).Where(c => c.Share is not null).ToList();
            if (shown.Count == 0)
            {
                return;
            }

            Write(labels.Chart, heading, 16);
            Write(string.Format(C, labels.ChartNote, shown.Count.ToString(C), p.CustomersTotal.ToString("N0", C)), small, 11);
            const double height = 170;
            double left = Margin + 34, right = PageWidth - Margin - 34, top = y + 6, bottom = y + 6 + height;
            var maxShare = Math.Max(0.0001m, shown.Max(c => c.Share!.Value));
            gfx.DrawRectangle(thin, left, top, right - left, height);

            // Left axis: each customer's share (0 … the largest); right axis: cumulative share 0–100 %.
            foreach (var f in new[] { 0m, 0.5m, 1m })
            {
                var ty = bottom - ((double)f * height);
                gfx.DrawString(Percent(maxShare * f), small, XBrushes.Black, new XRect(Margin, ty - 4, 32, 8), XStringFormats.TopRight);
            }

            foreach (var f in new[] { 0m, 0.25m, 0.5m, 0.75m, 1m })
            {
                var ty = bottom - ((double)f * height);
                gfx.DrawLine(new XPen(XColors.LightGray, 0.3), left, ty, right, ty);
                gfx.DrawString(Percent(f), small, XBrushes.Black, new XRect(right + 3, ty - 4, 30, 8), XStringFormats.TopLeft);
            }

            var slot = (right - left) / shown.Count;
            var bar = new XSolidBrush(XColor.FromArgb(90, 110, 200));
            var points = new List<XPoint>();
            for (var i = 0; i < shown.Count; i++)
            {
                var c = shown[i];
                var h = (double)(c.Share!.Value / maxShare) * height;
                gfx.DrawRectangle(bar, left + (i * slot) + (slot * 0.15), bottom - h, slot * 0.7, h);
                points.Add(new XPoint(left + (i * slot) + (slot / 2), bottom - ((double)(c.CumulativeShare ?? 0m) * height)));
            }

            var threshold = bottom - ((double)p.Threshold * height);
            gfx.DrawLine(new XPen(XColors.Black, 0.6) { DashStyle = XDashStyle.Dash }, left, threshold, right, threshold);
            if (points.Count > 1)
            {
                gfx.DrawLines(new XPen(XColors.Black, 1.4), points.ToArray());
            }

            foreach (var pt in points)
            {
                gfx.DrawEllipse(XBrushes.Black, pt.X - 1.5, pt.Y - 1.5, 3, 3);
            }

            y = bottom + 6;
            gfx.DrawRectangle(bar, Margin + 34, y + 2, 10, 6);
            gfx.DrawString(labels.Share, small, XBrushes.Black, new XRect(Margin + 48, y, 100, 10), XStringFormats.TopLeft);
            gfx.DrawLine(new XPen(XColors.Black, 1.4), Margin + 130, y + 5, Margin + 145, y + 5);
            gfx.DrawString(labels.Cumulative, small, XBrushes.Black, new XRect(Margin + 150, y, 100, 10), XStringFormats.TopLeft);
            gfx.DrawLine(new XPen(XColors.Black, 0.6) { DashStyle = XDashStyle.Dash }, Margin + 230, y + 5, Margin + 245, y + 5);
            gfx.DrawString($"Pareto {Percent(p.Threshold)}", small, XBrushes.Black, new XRect(Margin + 250, y, 100, 10), XStringFormats.TopLeft);
            y += 20;
        }

        private void Classes(ParetoReport p)
        {
            Write(labels.Abc, heading, 16);
            double[] widths = [80, 100, 150, 120];
            Row([labels.Class, labels.Customers, labels.Revenue, labels.RevenueShare], widths, bold);
            var total = p.TotalRevenue;
            foreach (var (name, count, revenue) in new[] { ("A", p.Classes.A, p.ClassRevenue.A), ("B", p.Classes.B, p.ClassRevenue.B), ("C", p.Classes.C, p.ClassRevenue.C) })
            {
                Row([name, count.ToString("N0", C), Money(revenue, p.Currency), total > 0 ? Percent(revenue / total) : "–"], widths, text);
            }

            y += 10;
        }

        private void Concentration(ConcentrationDto? c)
        {
            if (c is null)
            {
                return;
            }

            Write(labels.Concentration, heading, 16);
            double[] widths = [250, 120];
            Row([labels.Top1, Percent(c.Top1Share)], widths, text);
            Row([labels.Top5, Percent(c.Top5Share)], widths, text);
            Row([labels.Top10, Percent(c.Top10Share)], widths, text);
            Row([labels.Hhi, c.Hhi.ToString("N2", C)], widths, text);
            Row([labels.Effective, c.EffectiveCustomers.ToString("N2", C)], widths, text);
            y += 10;
        }

        private void KeyAccounts(PortfolioReport r)
        {
            if (y + 60 > PageHeight - Margin)
            {
                NewPage();
            }

            Write($"{labels.KeyAccounts} ({r.KeyAccounts.Count.ToString("N0", C)})", heading, 16);
            if (r.KeyAccounts.Count == 0)
            {
                Write(labels.NoKeyAccounts, text, Line);
                return;
            }

            string[] header = [labels.Customer, labels.Tier, labels.Owner, labels.Health, labels.NextCheckin];
            Row(header, AccountColumns, bold);
            foreach (var a in r.KeyAccounts)
            {
                if (y + Line + 4 > PageHeight - Margin - Line)
                {
                    NewPage();
                    Row(header, AccountColumns, bold);
                }

                var s = a.Signals;
                var owner = string.IsNullOrWhiteSpace(s.OwnerName) ? s.OwnerEmail ?? labels.NoOwner : s.OwnerName;
                var next = s.Cadence.Status is { } status
                    ? (s.Cadence.NextDue is { } due ? Date(due) + " · " : "") + labels.Checkins[status]
                    : labels.NoCadence;
                Row([$"{s.Name} ({s.Key})", s.Tier, owner, $"{a.Health.Score.ToString(C)} · {labels.Bands[a.Health.Band]}", next], AccountColumns, text);
            }
        }

        private void NewPage()
        {
            gfx?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            pages.Add(page);
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        private void Footers()
        {
            gfx.Dispose();
            for (var i = 0; i < pages.Count; i++)
            {
                using var g = XGraphics.FromPdfPage(pages[i], XGraphicsPdfPageOptions.Append);
                g.DrawString(string.Format(C, labels.Page, (i + 1).ToString(C), pages.Count.ToString(C)), small, XBrushes.Black,
                    new XRect(Margin, PageHeight - Margin + 8, Width, 10), XStringFormats.TopRight);
            }
        }

        private void Row(string[] cells, double[] widths, XFont font)
        {
            var x = Margin;
            for (var i = 0; i < cells.Length; i++)
            {
                gfx.DrawString(Fit(cells[i], font, widths[i] - 4), font, XBrushes.Black, new XRect(x + 2, y + 1, widths[i] - 4, Line), XStringFormats.TopLeft);
                x += widths[i];
            }

            y += Line + 2;
            gfx.DrawLine(thin, Margin, y, Margin + widths.Sum(), y);
        }

        private void Rule()
        {
            gfx.DrawLine(thin, Margin, y, PageWidth - Margin, y);
            y += 8;
        }

        private void Write(string line, XFont font, double height)
        {
            gfx.DrawString(Fit(line, font, Width), font, XBrushes.Black, new XRect(Margin, y, Width, height), XStringFormats.TopLeft);
            y += height;
        }

        /// <summary>The text cut with "…" to fit <paramref name="width"/>.</summary>
        private string Fit(string value, XFont font, double width)
        {
            value = value.ReplaceLineEndings(" ");
            if (gfx.MeasureString(value, font).Width <= width)
            {
                return value;
            }

            var cut = value.Length;
            while (cut > 0 && gfx.MeasureString(value[..cut] + "…", font).Width > width)
            {
                cut--;
            }

            return value[..cut] + "…";
        }

        private string Date(DateOnly d) => d.ToString("d", C);

        private string Money(decimal amount, string currency) => amount.ToString("N2", C) + " " + currency;

        private string Percent(decimal share) => (share * 100m).ToString("0.0", C) + " %";
    }
}
