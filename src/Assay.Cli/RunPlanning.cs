using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Assay.Durable;
using Assay.Durable.Contracts;
using Assay.Durable.Runs;
using Assay.Durable.Storage;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assay.Cli;

/// <summary>A run ready to start: its request and the local files to upload to the benchmarks container first.</summary>
public sealed record PreparedRun(RunRequest Request, IReadOnlyList<(string LocalPath, string Blob)> Uploads);

/// <summary>
/// Turns <c>assay run</c>'s options into the API's <see cref="RunSpec"/> (local files become the blobs they will be
/// uploaded to) and checks it with the same <see cref="RunSpecValidator"/> the API uses, before any storage starts.
/// Local files are read here too (benchmark and recorded answers, every line), so a bad input fails in a second,
/// naming the option, file, line or field and what would be accepted.
/// </summary>
public static class RunPlanning
{
    private const string BlobPrefix = "blob:";

    public static async Task<PreparedRun> PrepareAsync(LocalRunOptions options, IConfiguration configuration, string runId, CancellationToken ct)
    {
        try
        {
            Assay.Durable.Runs.ReaderLimitsConfiguration.Apply(configuration);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ex.Message);
        }

        var uploads = new List<(string LocalPath, string Blob)>();
        var (benchmarkBlob, inferredFormat) = await BenchmarkAsync(options, runId, uploads, ct).ConfigureAwait(false);
        var targets = TargetArguments.Expand(options.Targets, runId);
        foreach (var target in targets.Where(t => t.LocalFile is not null))
        {
            await RecordedTarget.LoadAsync(target.Name!, target.Format!, new FileBenchmarkSource(target.LocalFile!), ct).ConfigureAwait(false);
            uploads.Add((target.LocalFile!, target.Blob!));
        }

        var (lcDifficulty, lcGamed) = await LcV1Arguments.PrepareAsync(
            options, runId, options.Format is { } named ? BenchmarkFormats.TryGet(named) : inferredFormat is null ? null : BenchmarkFormats.TryGet(inferredFormat), uploads, ct).ConfigureAwait(false);
        var spec = new RunSpec
        {
            RunId = runId,
            Benchmark = benchmarkBlob,
            // A local file's format is told from its whole path (RMCBench/data/json/prompt.json); its blob name alone may not tell.
            Format = options.Format ?? inferredFormat,
            Targets = [.. targets.Select(t => t.Text)],
            Judge = options.Judge,
            JudgeEndpoint = options.JudgeEndpoint,
            Options = new RunSpecOptions
            {
                BatchSize = options.BatchSize,
                MaxInFlight = options.MaxInFlight,
                Baseline = options.Baseline,
                Arena = options.Arena,
                Canary = !options.NoCanary,
                Temperature = options.Sampling?.Temperature,
                MaxTokens = options.Sampling?.MaxTokens,
                Seed = options.Sampling?.Seed,
                Stop = options.Sampling?.Stop,
                Repeats = options.Sampling?.Repeats,
                NoCache = options.NoCache,
                ShardBatches = options.ShardBatches,
                LcDifficulty = lcDifficulty,
                LcGamed = lcGamed,
            },
        };

        var validation = Validator(configuration, options.Storage, v => v.Validate(spec));
        if (!validation.IsValid)
        {
            throw new CliException(string.Join("; ", validation.Errors.Select(e => $"{Option(e.Field, targets)}: {e.Problem}")));
        }

        return new PreparedRun(validation.Request!, uploads);
    }

    public static async Task UploadAsync(RunStore store, PreparedRun run, CancellationToken ct)
    {
        var container = await store.BenchmarksAsync(ct).ConfigureAwait(false);
        foreach (var (localPath, blob) in run.Uploads)
        {
            await container.GetBlobClient(blob).UploadAsync(localPath, overwrite: true, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs <paramref name="check"/> with the validator the hosts register, over this configuration, without storage:
    /// the account is only named (blob references are checked by shape), never contacted.
    /// </summary>
    internal static T Validator<T>(IConfiguration configuration, string? storage, Func<RunSpecValidator, T> check)
    {
        var settings = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection([new("Storage:ConnectionString", storage ?? configuration["Storage:ConnectionString"] ?? "UseDevelopmentStorage=true")])
            .Build();
        using var services = new ServiceCollection().AddLogging().AddAssayCore(settings).BuildServiceProvider();
        try
        {
            return check(services.GetRequiredService<RunSpecValidator>());
        }
        catch (OptionsValidationException ex)
        {
            throw new CliException($"configuration: {string.Join(" ", ex.Failures)}");
        }
    }

    /// <summary>The option a run-spec field came from: <c>options.batchSize</c> is <c>--batch-size</c>.</summary>
    internal static string Option(string field, IReadOnlyList<ExpandedTarget> targets)
    {
        if (field.StartsWith("targets[", StringComparison.Ordinal) && int.TryParse(field["targets[".Length..^1], out var index) && index < targets.Count)
        {
            return $"--target {targets[index].Argument}";
        }

        var name = field.StartsWith("options.", StringComparison.Ordinal) ? field["options.".Length..] : field;
        return name switch
        {
            "targets" => "--target",
            "canary" => "--no-canary",
            _ => "--" + string.Concat(name.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString())),
        };
    }

    /// <summary>The benchmark's blob; a local file is read in full first (every line checked) and queued for upload.</summary>
    private static async Task<(string Blob, string? Format)> BenchmarkAsync(LocalRunOptions options, string runId, List<(string, string)> uploads, CancellationToken ct)
    {
        if (options.Benchmark.StartsWith(BlobPrefix, StringComparison.Ordinal))
        {
            return (options.Benchmark[BlobPrefix.Length..], null); // already in the benchmarks container
        }

        if (Directory.Exists(options.Benchmark))
        {
            throw new CliException($"--benchmark {options.Benchmark}: is a folder; name the benchmark file in it");
        }

        if (!File.Exists(options.Benchmark))
        {
            throw new CliException($"--benchmark {options.Benchmark}: no such file (use blob:NAME for a blob in the benchmarks container)");
        }

        // An unknown format is reported by the validator, with the known ones.
        var format = options.Format is { } name ? BenchmarkFormats.TryGet(name) : TryInfer(options.Benchmark);
        if (format is not null)
        {
            await BenchmarkValidator.ValidateAsync(format, new FileBenchmarkSource(options.Benchmark), ct).ConfigureAwait(false);
        }

        var blob = BlobNames.UploadedBenchmark(runId, "benchmark/" + Path.GetFileName(options.Benchmark));
        uploads.Add((options.Benchmark, blob));
        if (format is not null)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(options.Benchmark))!;
            var related = format is ISourceRelatedFiles named ? [.. format.RelatedFiles, .. named.RelatedFilesFor(options.Benchmark)] : format.RelatedFiles;
            foreach (var file in related.Where(r => File.Exists(Path.Combine(folder, r))))
            {
                uploads.Add((Path.Combine(folder, file), BlobNames.UploadedBenchmark(runId, "benchmark/" + file)));
            }
        }

        return (blob, format?.Name);
    }

    private static IBenchmarkFormat? TryInfer(string path)
    {
        try
        {
            return BenchmarkFormats.Infer(path);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
