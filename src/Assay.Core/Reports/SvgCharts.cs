using System.Globalization;
using System.Text;

namespace Assay.Core.Reports;

/// <summary>Inline SVG charts for the HTML report: no script, no external file, readable without a browser's help.</summary>
internal static class SvgCharts
{
    private static readonly string[] Palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#be185d", "#4d7c0f", "#854d0e", "#475569"];

    public static string Color(int index) => Palette[index % Palette.Length];

    /// <summary>One horizontal bar per target at the metric's mean, with its confidence interval as a whisker.</summary>
    public static string Leaderboard(EvaluationReport report, MetricScale scale)
    {
        const int label = 170, width = 460, row = 26, top = 24;
        var rows = report.Targets.Select(t => (t.Name, Summary: t.Metrics.FirstOrDefault(m => m.Name == scale.Metric)))
            .Where(r => r.Summary is { N: > 0 }).OrderByDescending(r => r.Summary!.Mean).ToList();
        var height = top + (rows.Count * row) + 24;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {label + width + 200} {height}\" width=\"{label + width + 200}\" height=\"{height}\">"));
        svg.Append(Invariant($"<text x=\"0\" y=\"14\" class=\"axis\">{Html.Escape(scale.Metric)} (mean, 95 % CI)</text>"));
        for (var i = 0; i < rows.Count; i++)
        {
            var (name, summary) = rows[i];
            var y = top + (i * row);
            var x0 = label + (width * scale.Fraction(Math.Max(scale.Min, 0)));
            var x = label + (width * scale.Fraction(summary!.Mean));
            svg.Append(Invariant($"<text x=\"{label - 8}\" y=\"{y + 15}\" text-anchor=\"end\">{Html.Escape(name)}</text>"));
            svg.Append(Invariant($"<rect x=\"{Math.Min(x0, x):0.#}\" y=\"{y + 4}\" width=\"{Math.Abs(x - x0):0.#}\" height=\"{row - 10}\" fill=\"{Color(i)}\" opacity=\"0.75\"><title>{Html.Escape(name)}: {scale.Format(summary)}</title></rect>"));
            var (lo, hi) = (label + (width * scale.Fraction(summary.CiLow)), label + (width * scale.Fraction(summary.CiHigh)));
            svg.Append(Invariant($"<path d=\"M{lo:0.#} {y + 9}v8M{lo:0.#} {y + 13}H{hi:0.#}M{hi:0.#} {y + 9}v8\" stroke=\"#111\" stroke-width=\"1.5\" fill=\"none\"/>"));
            svg.Append(Invariant($"<text x=\"{label + width + 8}\" y=\"{y + 15}\">{Html.Escape(scale.Format(summary))}</text>"));
        }

        svg.Append(Invariant($"<line x1=\"{label}\" x2=\"{label + width}\" y1=\"{height - 18}\" y2=\"{height - 18}\" stroke=\"#999\"/>"));
        svg.Append(Invariant($"<text x=\"{label}\" y=\"{height - 4}\" class=\"axis\">{Html.Escape(scale.Format(scale.Min))}</text>"));
        svg.Append(Invariant($"<text x=\"{label + width}\" y=\"{height - 4}\" text-anchor=\"end\" class=\"axis\">{Html.Escape(scale.Format(scale.Max))}</text>"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Targets by categories, each cell shaded by the metric's mean (grey where the metric has no value).</summary>
    public static string Heatmap(EvaluationReport report, MetricScale scale)
    {
        // Only the categories where the metric exists (over-refusal has no value on XSTest's unsafe categories).
        var categories = report.Targets.SelectMany(t => t.Categories)
            .Where(c => c.Metrics.Any(m => m.Name == scale.Metric && m.N > 0))
            .Select(c => c.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        const int label = 170, cellWidth = 52, cellHeight = 24;
        var header = 16 + (int)(4.5 * categories.DefaultIfEmpty(string.Empty).Max(c => c.Length));
        var width = label + (categories.Count * cellWidth) + 90;
        var height = header + (report.Targets.Count * cellHeight) + 10;
        var svg = new StringBuilder(Invariant($"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">"));
        for (var c = 0; c < categories.Count; c++)
        {
            var x = label + (c * cellWidth) + (cellWidth / 2);
            svg.Append(Invariant($"<text transform=\"translate({x},{header - 6}) rotate(-40)\" class=\"axis\">{Html.Escape(categories[c])}</text>"));
        }

        for (var t = 0; t < report.Targets.Count; t++)
        {
            var target = report.Targets[t];
            var y = header + (t * cellHeight);
            svg.Append(Invariant($"<text x=\"{label - 8}\" y=\"{y + 16}\" text-anchor=\"end\">{Html.Escape(target.Name)}</text>"));
            for (var c = 0; c < categories.Count; c++)
            {
                var summary = target.Categories.FirstOrDefault(k => k.Name == categories[c])?.Metrics.FirstOrDefault(m => m.Name == scale.Metric);
                var has = summary is { N: > 0 };
                var fill = has ? Shade(scale.Fraction(summary!.Mean)) : "#e5e7eb";
                var x = label + (c * cellWidth);
                svg.Append(Invariant($"<rect x=\"{x}\" y=\"{y}\" width=\"{cellWidth - 2}\" height=\"{cellHeight - 2}\" fill=\"{fill}\"><title>{Html.Escape(target.Name)} / {Html.Escape(categories[c])}: {Html.Escape(scale.Format(summary))}</title></rect>"));
                var ink = has && scale.Fraction(summary!.Mean) > 0.6 ? " style=\"fill:#fff\"" : string.Empty;
                var text = has ? (scale.IsRate ? (summary!.Mean * 100).ToString("0", CultureInfo.InvariantCulture) : summary!.Mean.ToString("0.0", CultureInfo.InvariantCulture)) : "–";
                svg.Append(Invariant($"<text x=\"{x + (cellWidth / 2) - 1}\" y=\"{y + 16}\" text-anchor=\"middle\" class=\"cell\"{ink}>{text}</text>"));
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Each case's score against its answer length, one colour per target: a length-biased judge shows a slope.</summary>
    public static string Scatter(IReadOnlyList<(int Target, double Length, double Score)> points, IReadOnlyList<string> targets, MetricScale scale)
    {
        const int left = 50, width = 560, height = 260, bottom = 30, pad = 6;
        var maxLength = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Length));
        var svg = new StringBuilder(Invariant($"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {left + width + 170} {height + bottom}\" width=\"{left + width + 170}\" height=\"{height + bottom}\">"));
        svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{height}\" x2=\"{left + width}\" y2=\"{height}\" stroke=\"#999\"/><line x1=\"{left}\" y1=\"0\" x2=\"{left}\" y2=\"{height}\" stroke=\"#999\"/>"));
        svg.Append(Invariant($"<text x=\"{left + width}\" y=\"{height + 24}\" text-anchor=\"end\" class=\"axis\">answer length (characters, max {maxLength:0})</text>"));
        svg.Append(Invariant($"<text x=\"{left - 4}\" y=\"{pad + 4}\" text-anchor=\"end\" class=\"axis\">{Html.Escape(scale.Format(scale.Max))}</text>"));
        svg.Append(Invariant($"<text x=\"{left - 4}\" y=\"{height - pad}\" text-anchor=\"end\" class=\"axis\">{Html.Escape(scale.Format(scale.Min))}</text>"));
        foreach (var (target, length, score) in points)
        {
            var x = left + (width * length / maxLength);
            var y = height - pad - ((height - (2 * pad)) * scale.Fraction(score));
            svg.Append(Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"2.5\" fill=\"{Color(target)}\" opacity=\"0.55\"/>"));
        }

        for (var t = 0; t < targets.Count; t++)
        {
            svg.Append(Invariant($"<rect x=\"{left + width + 16}\" y=\"{(t * 18) + 4}\" width=\"10\" height=\"10\" fill=\"{Color(t)}\"/><text x=\"{left + width + 32}\" y=\"{(t * 18) + 13}\">{Html.Escape(targets[t])}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    // White to blue: readable on screen and in print.
    private static string Shade(double fraction)
    {
        var r = (int)Math.Round(239 - (fraction * (239 - 29)));
        var g = (int)Math.Round(246 - (fraction * (246 - 78)));
        var b = (int)Math.Round(255 - (fraction * (255 - 216)));
        return $"rgb({r},{g},{b})";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
