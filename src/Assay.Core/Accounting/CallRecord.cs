namespace Assay.Core.Accounting;

/// <summary>
/// One logical call to a model endpoint, as the case that made it saw it: stored with the case so that usage, latency
/// and cost can be recomputed from the per-case results at any time. Never holds a secret or a URL.
/// </summary>
/// <param name="Endpoint">The configured endpoint name.</param>
/// <param name="InputTokens">Prompt tokens the endpoint reported (the cached ones for a cache hit).</param>
/// <param name="OutputTokens">Completion tokens the endpoint reported.</param>
/// <param name="LatencyMs">Wall time of the call including retries and waits; for a cache hit, the cache read.</param>
/// <param name="Attempts">HTTP attempts made; 0 for a cache hit.</param>
/// <param name="CacheHit">Answered from the response cache: nothing was sent and nothing is paid.</param>
/// <param name="Error">Why the call failed after its retries, when it did.</param>
public sealed record CallRecord(
    string Endpoint,
    long InputTokens,
    long OutputTokens,
    double LatencyMs,
    int Attempts,
    bool CacheHit,
    string? Error = null);
