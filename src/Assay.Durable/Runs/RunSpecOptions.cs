namespace Assay.Durable.Runs;

/// <summary>How a run is cut up: cases per batch and batches in flight at once.</summary>
public sealed record RunSpecOptions
{
    public const int MaxBatchSize = 10_000;

    public const int MaxInFlightLimit = 256;

    /// <summary>Cases per batch; the benchmark's default when absent.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Batches in flight at once (default 8).</summary>
    public int? MaxInFlight { get; init; }

    /// <summary>For pairwise judges: the target (by name) every other target is compared with.</summary>
    public string? Baseline { get; init; }

    /// <summary>For pairwise judges instead of a baseline: judge every unordered pair of targets (arena style).</summary>
    public bool? Arena { get; init; }

    /// <summary>Judge the null model alongside an LLM judge (default true).</summary>
    public bool? Canary { get; init; }
}
