using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;

namespace Assay.Cli;

/// <summary>Everything <c>assay run</c> was asked to do.</summary>
public sealed record LocalRunOptions
{
    public required string Benchmark { get; init; }

    /// <summary>The option the user gave the benchmark with (<c>--benchmark</c>, or <c>--set</c> for judge-eval), for messages.</summary>
    public string BenchmarkOption { get; init; } = "--benchmark";

    public string? Format { get; init; }

    public IReadOnlyList<string> Targets { get; init; } = [];

    public string? Judge { get; init; }

    public string? JudgeEndpoint { get; init; }

    public string? OutDirectory { get; init; }

    public string? RunId { get; init; }

    /// <summary>Storage connection string; when null and none is configured, Azurite is started.</summary>
    public string? Storage { get; init; }

    /// <summary>Where a started Azurite keeps its data, so an unfinished run can be resumed.</summary>
    public string? DataDirectory { get; init; }

    public int? BatchSize { get; init; }

    public int? MaxInFlight { get; init; }

    public string? ConfigFile { get; init; }

    /// <summary>Sampling of endpoint targets (temperature, max tokens, seed, stop, repeats); null leaves the defaults.</summary>
    public SamplingOptions? Sampling { get; init; }

    /// <summary>Do not answer calls from the response cache (fresh answers still refresh it).</summary>
    public bool NoCache { get; init; }

    /// <summary>Do not judge the null model alongside (it is judged by default whenever the judge is an LLM).</summary>
    public bool NoCanary { get; init; }

    /// <summary>For pairwise judges: the target every other target is compared with.</summary>
    public string? Baseline { get; init; }

    /// <summary>For pairwise judges, instead of a baseline: every unordered pair of targets is judged.</summary>
    public bool Arena { get; init; }

    /// <summary>
    /// Batches per shard: a run with more batches is evaluated in sub-orchestrations of this many, so no orchestration's
    /// history grows with the benchmark; 0 keeps every batch in the run's own orchestration.
    /// </summary>
    public int ShardBatches { get; init; } = RunEvaluationOrchestrator.DefaultShardBatches;

    /// <summary>The task hub, shared with <c>assay worker</c> processes; null: the <c>TaskHubName</c> setting, else <c>assay</c>.</summary>
    public string? TaskHub { get; init; }

    /// <summary>AlpacaEval's instruction_difficulty.csv (or blob:NAME): the LC win rate becomes length_controlled_v1.</summary>
    public string? LcDifficulty { get; init; }

    /// <summary>AlpacaEval's df_gamed.csv (or blob:NAME), for LC v1's regularisation toward the gamed baselines.</summary>
    public string? LcGamed { get; init; }
}
