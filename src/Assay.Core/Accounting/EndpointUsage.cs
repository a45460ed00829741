namespace Assay.Core.Accounting;

/// <summary>
/// Usage of one endpoint in a run (or of all of them: <see cref="EndpointsSection.Total"/>). Tokens, latency and cost
/// count only calls that reached the endpoint; cache hits are counted apart because they cost nothing.
/// </summary>
/// <param name="Name">The endpoint name, or <c>total</c>.</param>
/// <param name="Calls">Logical calls, cache hits included.</param>
/// <param name="CacheHits">Calls answered from the response cache.</param>
/// <param name="Attempts">HTTP requests sent, retries included.</param>
/// <param name="Errors">Calls that failed after their retries.</param>
/// <param name="LatencyP50Ms">Median latency of the calls that reached the endpoint (0 when none did).</param>
/// <param name="LatencyP95Ms">95th percentile of the same.</param>
/// <param name="Cost">From the configured prices; null when the endpoint has none.</param>
public sealed record EndpointUsage(
    string Name,
    int Calls,
    int CacheHits,
    int Attempts,
    int Errors,
    long InputTokens,
    long OutputTokens,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double? Cost);

/// <summary>The <c>endpoints</c> section of <c>report.json</c>: per endpoint, and the run's total.</summary>
public sealed record EndpointsSection(EndpointUsage Total, IReadOnlyList<EndpointUsage> ByEndpoint);
