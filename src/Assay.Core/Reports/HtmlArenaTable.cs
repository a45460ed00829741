using System.Globalization;
using System.Text;

namespace Assay.Core.Reports;

/// <summary>The report.html section of an arena run: the same two tables as report.md.</summary>
internal static class HtmlArenaTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Append(StringBuilder html, ArenaSection? arena)
    {
        if (arena is null)
        {
            return;
        }

        html.Append($"<h2>Arena: all pairs of targets (Bradley-Terry, anchor {Html.Escape(arena.Anchor)} = 1000)</h2>");
        html.Append("<table><thead><tr><th>target</th><th>rating [95 % CI]</th><th>win rate against the anchor [95 % CI]</th><th>battles</th></tr></thead><tbody>");
        foreach (var r in arena.Ratings)
        {
            html.Append(Invariant, $"<tr><td>{Html.Escape(r.Target)}</td><td>{r.Rating:0} [{r.RatingLow:0}, {r.RatingHigh:0}]</td><td>{r.Score:0.0}% [{r.ScoreLow:0.0}, {r.ScoreHigh:0.0}]</td><td>{r.Battles:0}</td></tr>");
        }

        var targets = ArenaMarkdown.Order(arena);
        html.Append("</tbody></table><p>Win matrix: the row's win rate against the column (wins-ties-losses).</p><table><thead><tr><th></th>");
        foreach (var t in targets)
        {
            html.Append($"<th>{Html.Escape(t)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in targets)
        {
            html.Append($"<tr><td>{Html.Escape(row)}</td>");
            foreach (var column in targets)
            {
                html.Append($"<td>{Html.Escape(ArenaMarkdown.Cell(arena, row, column))}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }
}
