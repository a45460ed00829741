using System.Globalization;
using System.Text;
using Assay.Core.Accounting;

namespace Assay.Core.Reports;

/// <summary>The "Endpoints" section of every HTML page: the same columns as report.md's (<see cref="MarkdownUsageTable"/>).</summary>
public static class HtmlUsageTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Append(StringBuilder html, EndpointsSection? endpoints, ExecutionPace? pace = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (endpoints is null)
        {
            return;
        }

        html.Append("<h2>Endpoints</h2><p>Tokens, latency and cost count the calls that reached the endpoint; cache hits cost nothing.</p>");
        html.Append("<table id=\"endpoints\"><thead><tr><th>endpoint</th><th>calls</th><th>cache hits</th><th>attempts</th><th>errors</th><th>tokens in</th>");
        html.Append("<th>tokens out</th><th>p50 ms</th><th>p95 ms</th><th>cost</th></tr></thead><tbody>");
        foreach (var usage in endpoints.ByEndpoint.Append(endpoints.Total))
        {
            var cost = usage.Cost is { } c ? c.ToString("0.0000", Invariant) : "n/a";
            html.Append(Invariant, $"<tr><td>{Html.Escape(usage.Name)}</td><td>{usage.Calls}</td><td>{usage.CacheHits}</td><td>{usage.Attempts}</td>");
            html.Append(Invariant, $"<td>{usage.Errors}</td><td>{usage.InputTokens}</td><td>{usage.OutputTokens}</td><td>{usage.LatencyP50Ms:0}</td><td>{usage.LatencyP95Ms:0}</td><td>{cost}</td></tr>");
        }

        html.Append("</tbody></table>");
        if (pace is not null)
        {
            html.Append("<p id=\"pace\">").Append(Html.Escape(pace.Describe())).Append("</p>");
        }
    }
}
