using System.ComponentModel.DataAnnotations;
using Assay.Durable.Contracts;

namespace Assay.Durable.Runs;

/// <summary>
/// What one run may cost (configuration section <c>RunLimits</c>, app settings <c>RunLimits__...</c>): targets,
/// endpoint variants, cases per batch, batches in flight, and the bytes of every blob a run reads. The defaults are
/// safe for a shared app; a host that needs more says so in configuration. Validated at start-up.
/// </summary>
public sealed class RunLimitsOptions
{
    public const string Section = "RunLimits";

    [Range(1, 10_000)]
    public int MaxTargets { get; set; } = 32;

    /// <summary>Endpoint targets with a mutation or strategy (<c>gpt4+cot</c>, <c>gpt4~translate:fr</c>).</summary>
    [Range(0, 10_000)]
    public int MaxVariants { get; set; } = 16;

    [Range(1, RunSpecOptions.MaxBatchSize)]
    public int MaxBatchSize { get; set; } = 1_000;

    /// <summary>Batches in flight at once (the run's window).</summary>
    [Range(1, RunSpecOptions.MaxInFlightLimit)]
    public int MaxInFlight { get; set; } = 64;

    /// <summary>
    /// Largest benchmark or recorded-answer blob a run reads; a larger one is refused before it is read. The Functions
    /// app sets it from <c>Intake:MaxBenchmarkBytes</c>, so uploads and API runs share one cap.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxBenchmarkBytes { get; set; } = 1L << 30;

    /// <summary>Recorded answers kept parsed in memory, in bytes of the files they came from (least recently used go first).</summary>
    [Range(0, long.MaxValue)]
    public long MaxRecordedCacheBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>The spec's problems against these limits (field and rule), none when it is within them.</summary>
    public IEnumerable<RunSpecError> Problems(IReadOnlyList<TargetSpec> targets, int? batchSize, int? maxInFlight, int requestedTargets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (requestedTargets > MaxTargets)
        {
            yield return new("targets", $"at most {MaxTargets} targets in one run ({requestedTargets} given; {Section}:{nameof(MaxTargets)})");
        }

        var variants = targets.Count(t => t.IsVariant);
        if (variants > MaxVariants)
        {
            yield return new("targets", $"at most {MaxVariants} endpoint variants (~MUTATION, +STRATEGY) in one run ({variants} given; {Section}:{nameof(MaxVariants)})");
        }

        if (batchSize > MaxBatchSize)
        {
            yield return new("options.batchSize", $"cases per batch, at most {MaxBatchSize} ({Section}:{nameof(MaxBatchSize)}), not {batchSize}");
        }

        if (maxInFlight > MaxInFlight)
        {
            yield return new("options.maxInFlight", $"batches in flight at once, at most {MaxInFlight} ({Section}:{nameof(MaxInFlight)}), not {maxInFlight}");
        }
    }
}
