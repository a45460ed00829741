namespace Assay.Core.Accounting;

/// <summary>
/// Sums <see cref="CallRecord"/>s per endpoint into an <see cref="EndpointsSection"/>. Keeps one double per call that
/// reached an endpoint (for the percentiles), nothing else per call.
/// </summary>
public sealed class UsageAccumulator(Func<string, EndpointPrice?> prices)
{
    private readonly SortedDictionary<string, Totals> endpoints = new(StringComparer.OrdinalIgnoreCase);

    public void Add(CallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!endpoints.TryGetValue(call.Endpoint, out var totals))
        {
            totals = new Totals();
            endpoints.Add(call.Endpoint, totals);
        }

        totals.Add(call);
    }

    /// <summary>Null when no call was recorded (a run of built-in or recorded targets with a non-LLM judge).</summary>
    public EndpointsSection? Build()
    {
        if (endpoints.Count == 0)
        {
            return null;
        }

        var byEndpoint = endpoints.Select(e => e.Value.ToUsage(e.Key, prices(e.Key))).ToList();
        var all = new Totals();
        foreach (var totals in endpoints.Values)
        {
            all.Merge(totals);
        }

        var costs = byEndpoint.Select(e => e.Cost).ToList();
        var total = all.ToUsage("total", price: null) with { Cost = costs.All(c => c is null) ? null : costs.Sum(c => c ?? 0) };
        return new EndpointsSection(total, byEndpoint);
    }

    private sealed class Totals
    {
        private readonly List<double> latencies = [];

        private int calls;
        private int cacheHits;
        private int attempts;
        private int errors;
        private long inputTokens;
        private long outputTokens;

        public void Add(CallRecord call)
        {
            calls++;
            attempts += call.Attempts;
            errors += call.Error is null ? 0 : 1;
            if (call.CacheHit)
            {
                cacheHits++;
                return;
            }

            inputTokens += call.InputTokens;
            outputTokens += call.OutputTokens;
            latencies.Add(call.LatencyMs);
        }

        public void Merge(Totals other)
        {
            (calls, cacheHits, attempts, errors) = (calls + other.calls, cacheHits + other.cacheHits, attempts + other.attempts, errors + other.errors);
            (inputTokens, outputTokens) = (inputTokens + other.inputTokens, outputTokens + other.outputTokens);
            latencies.AddRange(other.latencies);
        }

        public EndpointUsage ToUsage(string name, EndpointPrice? price)
        {
            var sorted = latencies.ToArray();
            Array.Sort(sorted);
            return new EndpointUsage(
                name, calls, cacheHits, attempts, errors, inputTokens, outputTokens,
                Percentile(sorted, 0.50), Percentile(sorted, 0.95), price?.Cost(inputTokens, outputTokens));
        }

        // Nearest-rank: an observed latency, never an interpolation between two calls.
        private static double Percentile(double[] sorted, double p) =>
            sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
