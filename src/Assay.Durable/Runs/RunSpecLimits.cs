using Assay.Durable.Contracts;

namespace Assay.Durable.Runs;

/// <summary>
/// The numeric limits of a run. Zero or negative is an error that names the option and the range, never a value
/// silently clamped: a run that was asked for something else must not start.
/// </summary>
internal static class RunSpecLimits
{
    /// <summary>The options that exist only in the spec (sampling, shard size).</summary>
    public static void Check(RunSpecOptions options, RunProblems problems)
    {
        if (options.Repeats is < 1 or > RunSpecOptions.MaxRepeats)
        {
            problems.Add("options.repeats", $"samples per case, between 1 and {RunSpecOptions.MaxRepeats}, not {options.Repeats}");
        }

        if (options.MaxTokens is < 1)
        {
            problems.Add("options.maxTokens", $"tokens per answer, at least 1, not {options.MaxTokens}");
        }

        if (options.Temperature is { } temperature && !(temperature is >= 0 and <= 2))
        {
            problems.Add("options.temperature", $"between 0 and 2, not {temperature}");
        }

        if (options.Stop is { } stop && stop.Any(string.IsNullOrEmpty))
        {
            problems.Add("options.stop", "a stop sequence is not empty");
        }

        if (options.ShardBatches is < 0)
        {
            problems.Add("options.shardBatches", $"batches per shard, 0 (one orchestration) or more, not {options.ShardBatches}");
        }
    }

    /// <summary>The limits a request carries (checked again by the plan's guard).</summary>
    public static void Check(RunRequest request, RunProblems problems)
    {
        // The upper bounds are the host's (RunLimitsOptions), declared once there; here only what no host allows.
        if (request.BatchSize is < 1 && !problems.Has("options.batchSize"))
        {
            problems.Add("options.batchSize", $"cases per batch, at least 1, not {request.BatchSize}");
        }

        if (request.MaxInFlight is < 1)
        {
            problems.Add("options.maxInFlight", $"batches in flight at once, at least 1, not {request.MaxInFlight}");
        }

        if (request.ShardBatches is < 1 && !problems.Has("options.shardBatches"))
        {
            problems.Add("options.shardBatches", $"batches per shard, at least 1 (none for one orchestration), not {request.ShardBatches}");
        }
    }

    /// <summary>The sampling of endpoint targets the options ask for; null leaves the endpoints' defaults.</summary>
    public static SamplingOptions? Sampling(RunSpecOptions options) =>
        options is { Temperature: null, MaxTokens: null, Seed: null, Repeats: null or 1 } && options.Stop is not { Count: > 0 }
            ? null
            : new SamplingOptions(options.Temperature, options.MaxTokens, options.Seed, options.Stop is { Count: > 0 } ? options.Stop : null, options.Repeats ?? 1);
}
