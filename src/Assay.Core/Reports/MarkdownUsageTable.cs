using System.Globalization;
using System.Text;
using Assay.Core.Accounting;

namespace Assay.Core.Reports;

/// <summary>The "Endpoints" section of <c>report.md</c>: calls, tokens, latency and cost per endpoint and in total.</summary>
internal static class MarkdownUsageTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Append(StringBuilder md, EndpointsSection? endpoints, ExecutionPace? pace = null)
    {
        if (endpoints is null)
        {
            return;
        }

        md.Append("\n## Endpoints\n\n");
        md.Append("Tokens, latency and cost count the calls that reached the endpoint; cache hits cost nothing.\n\n");
        md.Append("| endpoint | calls | cache hits | attempts | errors | tokens in | tokens out | p50 ms | p95 ms | cost |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var usage in endpoints.ByEndpoint.Append(endpoints.Total))
        {
            var cost = usage.Cost is { } c ? c.ToString("0.0000", Invariant) : "n/a";
            md.Append(Invariant, $"| {MarkdownReportRenderer.Escape(usage.Name)} | {usage.Calls} | {usage.CacheHits} | {usage.Attempts} | ");
            md.Append(Invariant, $"{usage.Errors} | {usage.InputTokens} | {usage.OutputTokens} | {usage.LatencyP50Ms:0} | {usage.LatencyP95Ms:0} | {cost} |\n");
        }

        if (pace is not null)
        {
            md.Append('\n').Append(pace.Describe()).Append('\n');
        }
    }
}
