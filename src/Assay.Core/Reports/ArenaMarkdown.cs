using System.Globalization;
using System.Text;

namespace Assay.Core.Reports;

/// <summary>The report.md section of an arena run: the ratings, then the win matrix (row's win rate against column).</summary>
internal static class ArenaMarkdown
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Append(StringBuilder md, ArenaSection? arena)
    {
        if (arena is null)
        {
            return;
        }

        md.Append(Invariant, $"\n## Arena: all pairs of targets (Bradley-Terry, anchor {MarkdownReportRenderer.Escape(arena.Anchor)} = 1000)\n\n");
        md.Append("| target | rating [95 % CI] | win rate against the anchor [95 % CI] | battles |\n|---|---:|---:|---:|\n");
        foreach (var r in arena.Ratings)
        {
            md.Append(Invariant, $"| {MarkdownReportRenderer.Escape(r.Target)} | {r.Rating:0} [{r.RatingLow:0}, {r.RatingHigh:0}] | {r.Score:0.0}% [{r.ScoreLow:0.0}, {r.ScoreHigh:0.0}] | {r.Battles:0} |\n");
        }

        var targets = Order(arena);
        md.Append("\nWin matrix: the row's win rate against the column (wins-ties-losses; a verdict that flips with the order is a tie).\n\n");
        md.Append("| | ").Append(string.Join(" | ", targets.Select(MarkdownReportRenderer.Escape))).Append(" |\n|---|");
        md.Append(string.Concat(targets.Select(_ => "---:|"))).Append('\n');
        foreach (var row in targets)
        {
            md.Append("| ").Append(MarkdownReportRenderer.Escape(row)).Append(" |");
            foreach (var column in targets)
            {
                md.Append(' ').Append(Cell(arena, row, column)).Append(" |");
            }

            md.Append('\n');
        }
    }

    /// <summary>Targets best first, as the ratings are sorted; a target with no judged case last.</summary>
    internal static List<string> Order(ArenaSection arena) =>
        [.. arena.Ratings.Select(r => r.Target).Concat(arena.Matrix.Select(m => m.Target)).Distinct(StringComparer.Ordinal)];

    internal static string Cell(ArenaSection arena, string row, string column)
    {
        if (row == column)
        {
            return "—";
        }

        var m = arena.Matrix.FirstOrDefault(x => x.Target == row && x.Opponent == column);
        return m?.WinRate is { } rate ? string.Create(Invariant, $"{rate * 100:0.0}% ({m.Wins}-{m.Ties}-{m.Losses})") : "n/a";
    }
}
