using System.ComponentModel.DataAnnotations;

namespace Assay.Durable.Endpoints;

/// <summary>
/// How endpoint limits hold beyond one process (configuration section <c>Limits</c>). With <see cref="Shared"/> on,
/// <c>RequestsPerMinute</c> and <c>TokensPerMinute</c> are a budget per fixed window shared through one blob per
/// endpoint, so every instance using the storage account together stays under it. See docs/endpoint-limits.md.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// Shared budgets on or off; unset means off (the local runner: one process, the in-process gate already holds)
    /// and the Functions app turns it on (scale-out).
    /// </summary>
    public bool? Shared { get; set; }

    /// <summary>Blob container of the budget blobs, in the run's storage account.</summary>
    public string Container { get; set; } = "limits";

    /// <summary>
    /// Length of a budget window; each window grants <c>RequestsPerMinute × WindowSeconds / 60</c> requests (tokens
    /// likewise). 10 s matches the shorter of the windows Azure OpenAI evaluates its quotas over. An endpoint whose
    /// limit would give less than one request or token per window uses 60 s windows instead.
    /// </summary>
    [Range(0.1, 60)]
    public double WindowSeconds { get; set; } = 10;

    /// <summary>
    /// A process claims at most this fraction (1 / ChunksPerWindow) of a window's budget per storage round-trip, and
    /// never more than its waiting callers need: fewer storage calls against less budget stranded in one instance.
    /// </summary>
    [Range(1, 1000)]
    public int ChunksPerWindow { get; set; } = 10;

    /// <summary>
    /// Instances expected to share each endpoint: each one takes <c>max(1, MaxConcurrency / Instances)</c> slots, so
    /// the endpoint's <c>MaxConcurrency</c> holds in total (while MaxConcurrency ≥ Instances). 1 = per process.
    /// </summary>
    [Range(1, 1000)]
    public int Instances { get; set; } = 1;
}
