using System.Globalization;
using System.Text;
using Assay.Core.Judges;

namespace Assay.Core.Reports;

/// <summary>The searchable per-case table of the HTML report, with each case's status, metrics and diagnostics.</summary>
internal static class CaseTable
{
    private const int MaxTextLength = 300;

    public static void Append(StringBuilder html, IReadOnlyList<CaseResult> cases, IReadOnlyList<string> metrics, int maxRows)
    {
        var shown = Math.Min(cases.Count, maxRows);
        html.Append("<h2>Cases</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<input id=\"case-search\" type=\"search\" placeholder=\"Search cases, targets, categories, diagnostics\" aria-label=\"Search cases\"> <span id=\"case-count\">{shown}</span> shown");
        if (cases.Count > maxRows)
        {
            html.Append(CultureInfo.InvariantCulture, $" (the first {maxRows} of {cases.Count}; all are in the results blobs)");
        }

        html.Append("<table id=\"cases\"><thead><tr><th>target</th><th>case</th><th>category</th><th>status</th>");
        foreach (var metric in metrics)
        {
            html.Append($"<th>{Html.Escape(metric)}</th>");
        }

        html.Append("<th>diagnostic</th></tr></thead><tbody>");
        foreach (var result in cases.Take(maxRows))
        {
            html.Append($"<tr><td>{Html.Escape(result.Target)}</td><td>{Html.Escape(result.CaseId)}</td><td>{Html.Escape(result.Category)}</td>");
            html.Append($"<td>{result.Status.ToString().ToLowerInvariant()}</td>");
            foreach (var metric in metrics)
            {
                var value = result.Scores.FirstOrDefault(s => s.Name == metric)?.Value;
                html.Append($"<td>{(value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : string.Empty)}</td>");
            }

            html.Append($"<td class=\"raw\">{Html.Escape(Truncate(Diagnostic(result)))}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string Diagnostic(CaseResult result) =>
        result.Error ?? string.Join(" | ", result.Scores.Where(s => s.Diagnostic is not null).Select(s => $"{s.Name}: {s.Diagnostic}"));

    private static string Truncate(string text) => text.Length <= MaxTextLength ? text : string.Concat(text.AsSpan(0, MaxTextLength), "…");
}
