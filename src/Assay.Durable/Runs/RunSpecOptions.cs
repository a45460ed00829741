namespace Assay.Durable.Runs;

/// <summary>
/// How a run is cut up and sampled: the options <c>assay run</c> has, by the same names (<c>--batch-size</c> is
/// <c>batchSize</c>). Every limit is checked by <see cref="RunSpecValidator"/>: zero or negative is an error, never clamped.
/// </summary>
public sealed record RunSpecOptions
{
    public const int MaxBatchSize = 10_000;

    public const int MaxInFlightLimit = 256;

    public const int MaxRepeats = 100;

    /// <summary>Cases per batch; when absent the run chooses it from its endpoints' concurrency, at least the format's.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Batches in flight at once; when absent the run chooses it (two per target, at least 4).</summary>
    public int? MaxInFlight { get; init; }

    /// <summary>For pairwise judges: the target (by name) every other target is compared with.</summary>
    public string? Baseline { get; init; }

    /// <summary>For pairwise judges instead of a baseline: judge every unordered pair of targets (arena style).</summary>
    public bool? Arena { get; init; }

    /// <summary>Judge the null model alongside an LLM judge (default true).</summary>
    public bool? Canary { get; init; }

    /// <summary>Sampling temperature of endpoint targets, in [0, 2]; the endpoint's default when absent.</summary>
    public float? Temperature { get; init; }

    /// <summary>Most tokens an endpoint target may answer per turn (at least 1).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Sampling seed of endpoint targets, offset by the sample index with <see cref="Repeats"/>.</summary>
    public long? Seed { get; init; }

    /// <summary>Stop sequences of endpoint targets.</summary>
    public IReadOnlyList<string>? Stop { get; init; }

    /// <summary>Samples per case for endpoint targets (default 1).</summary>
    public int? Repeats { get; init; }

    /// <summary>Call the endpoints even for requests the response cache has answered before.</summary>
    public bool? NoCache { get; init; }

    /// <summary>
    /// Batches per shard: a run of more batches (per target) is evaluated in sub-orchestrations of this many; 0 keeps one
    /// orchestration; 50 when absent.
    /// </summary>
    public int? ShardBatches { get; init; }

    /// <summary>
    /// AlpacaEval's <c>instruction_difficulty.csv</c> (a blob in the benchmarks container): the LC win rate becomes
    /// AlpacaEval's <c>length_controlled_v1</c>. Needs a baseline.
    /// </summary>
    public string? LcDifficulty { get; init; }

    /// <summary>AlpacaEval's <c>df_gamed.csv</c> (a blob), for LC v1's regularisation toward the gamed baselines; needs <see cref="LcDifficulty"/>.</summary>
    public string? LcGamed { get; init; }
}
