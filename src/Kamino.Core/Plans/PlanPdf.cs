using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Kamino.Plans;

/// <summary>
/// A plan as one A4 page of PDF, in black and white: a header (customer, year, owner, printed date), the situation as
/// four boxes (SWOT) and the objectives by area in a table with owner, measure, target, due date, status and progress.
/// Status is written as a word, never shown by colour. Long texts are cut with "…" and objectives that do not fit are
/// counted at the end, so the page is always one.
/// </summary>
public static class PlanPdf
{
    private const double Margin = 36;
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Body = 8;
    private const double Line = 10;
    private const double SwotBoxHeight = 118;

    /// <summary>The column widths of the objectives table (sum: the printable width).</summary>
    private static readonly double[] Columns = [163, 80, 85, 70, 48, 45, 32];

    /// <summary>The PDF's bytes.</summary>
    public static byte[] Render(PlanDto plan, DateOnly printedOn, PlanPdfLabels labels)
    {
        PlanFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"{labels.Title} {Year(plan.Year)} · {plan.CustomerName}";
        document.Info.Creator = "Kamino";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            new Writer(gfx, labels).Plan(plan, printedOn);
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private sealed class Writer(XGraphics gfx, PlanPdfLabels labels)
    {
        private readonly XFont title = new(PlanFonts.Family, 16, XFontStyleEx.Bold);
        private readonly XFont heading = new(PlanFonts.Family, 11, XFontStyleEx.Bold);
        private readonly XFont bold = new(PlanFonts.Family, Body, XFontStyleEx.Bold);
        private readonly XFont text = new(PlanFonts.Family, Body, XFontStyleEx.Regular);
        private readonly XPen thin = new(XColors.Black, 0.5);
        private double y = Margin;

        private static double Width => PageWidth - (2 * Margin);

        public void Plan(PlanDto plan, DateOnly printedOn)
        {
            Write($"{labels.Title} {Year(plan.Year)}", title, Margin, 18);
            Write($"{plan.CustomerName} ({plan.CustomerKey})", heading, Margin, 14);
            var owner = plan.AccountOwnerEmail is { } email ? (string.IsNullOrEmpty(plan.AccountOwnerName) ? email : $"{plan.AccountOwnerName} <{email}>") : labels.NoOwner;
            Write($"{labels.Owner}: {owner} · {labels.Printed}: {printedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", text, Margin, 14);
            gfx.DrawLine(thin, Margin, y, PageWidth - Margin, y);
            y += 8;

            Write(labels.Situation, heading, Margin, 14);
            var half = Width / 2;
            Box(labels.Strengths, plan.Strengths, Margin, y, half);
            Box(labels.Weaknesses, plan.Weaknesses, Margin + half, y, half);
            Box(labels.Opportunities, plan.Opportunities, Margin, y + SwotBoxHeight, half);
            Box(labels.Threats, plan.Threats, Margin + half, y + SwotBoxHeight, half);
            y += (2 * SwotBoxHeight) + 12;

            Write(labels.Objectives, heading, Margin, 14);
            Objectives(plan.Objectives);
        }

        private void Objectives(IReadOnlyList<ObjectiveDto> objectives)
        {
            if (objectives.Count == 0)
            {
                Write(labels.NoObjectives, text, Margin, Line);
                return;
            }

            Row([labels.Objective, labels.Owner, labels.Measure, labels.Target, labels.Due, labels.Status, labels.Progress], bold, 1);
            var bottom = PageHeight - Margin - Line;
            var shown = 0;
            foreach (var area in objectives.GroupBy(o => o.Area).OrderBy(g => g.Key))
            {
                if (y + (2 * Line) + 4 > bottom)
                {
                    break;
                }

                y += 3;
                Write(labels.Areas[area.Key].ToUpper(CultureInfo.InvariantCulture), bold, Margin, Line + 1);
                foreach (var o in area)
                {
                    if (y + (2 * Line) + 2 > bottom)
                    {
                        break;
                    }

                    var progress = o.ProgressPercent is { } p
                        ? $"{o.ActionsDone.ToString(CultureInfo.InvariantCulture)}/{o.Actions.ToString(CultureInfo.InvariantCulture)} {p.ToString(CultureInfo.InvariantCulture)}%"
                        : "–";
                    Row([o.Title, o.OwnerName is { Length: > 0 } name ? name : o.OwnerEmail ?? "–", o.Measure, o.Target,
                        o.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–", labels.Statuses[o.Status], progress], text, 2);
                    shown++;
                }
            }

            if (shown < objectives.Count)
            {
                y += 4;
                Write(string.Format(CultureInfo.InvariantCulture, labels.MoreObjectives, objectives.Count - shown), bold, Margin, Line);
            }
        }

        /// <summary>One table row: each cell wrapped to at most <paramref name="maxLines"/> lines, a rule under it.</summary>
        private void Row(string[] cells, XFont font, int maxLines)
        {
            var wrapped = cells.Select((c, i) => Wrap(c, font, Columns[i] - 4, maxLines)).ToList();
            var lines = Math.Max(1, wrapped.Max(w => w.Count));
            var x = Margin;
            for (var i = 0; i < cells.Length; i++)
            {
                for (var l = 0; l < wrapped[i].Count; l++)
                {
                    gfx.DrawString(wrapped[i][l], font, XBrushes.Black, new XRect(x + 2, y + 1 + (l * Line), Columns[i] - 4, Line), XStringFormats.TopLeft);
                }

                x += Columns[i];
            }

            y += (lines * Line) + 2;
            gfx.DrawLine(thin, Margin, y, PageWidth - Margin, y);
        }

        private void Box(string label, string content, double x, double top, double width)
        {
            gfx.DrawRectangle(thin, x, top, width, SwotBoxHeight);
            gfx.DrawString(label, bold, XBrushes.Black, new XRect(x + 4, top + 3, width - 8, Line), XStringFormats.TopLeft);
            var lines = Wrap(content.Length == 0 ? "–" : content, text, width - 8, (int)((SwotBoxHeight - Line - 6) / Line));
            for (var l = 0; l < lines.Count; l++)
            {
                gfx.DrawString(lines[l], text, XBrushes.Black, new XRect(x + 4, top + 4 + Line + (l * Line), width - 8, Line), XStringFormats.TopLeft);
            }
        }

        private void Write(string line, XFont font, double x, double height)
        {
            gfx.DrawString(Wrap(line, font, PageWidth - Margin - x, 1)[0], font, XBrushes.Black, new XRect(x, y, PageWidth - Margin - x, height), XStringFormats.TopLeft);
            y += height;
        }

        /// <summary>
        /// The text broken into lines that fit <paramref name="width"/> (at spaces and line breaks; a word too long for a
        /// line is cut), at most <paramref name="maxLines"/>, the last ending in "…" when text was left out.
        /// </summary>
        private List<string> Wrap(string value, XFont font, double width, int maxLines)
        {
            var lines = new List<string>();
            foreach (var paragraph in value.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            {
                var current = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = current.Length == 0 ? word : current + " " + word;
                    if (Fits(candidate, font, width))
                    {
                        current = candidate;
                        continue;
                    }

                    if (current.Length > 0)
                    {
                        lines.Add(current);
                    }

                    current = word;
                    while (!Fits(current, font, width) && current.Length > 1)
                    {
                        var cut = current.Length - 1;
                        while (cut > 1 && !Fits(current[..cut], font, width))
                        {
                            cut--;
                        }

                        lines.Add(current[..cut]);
                        current = current[cut..];
                    }
                }

                lines.Add(current);
            }

            if (lines.Count <= maxLines)
            {
                return lines;
            }

            var kept = lines.Take(maxLines).ToList();
            var last = kept[^1];
            while (last.Length > 0 && !Fits(last + "…", font, width))
            {
                last = last[..^1];
            }

            kept[^1] = last + "…";
            return kept;
        }

        private bool Fits(string value, XFont font, double width) => gfx.MeasureString(value, font).Width <= width;
    }
}
