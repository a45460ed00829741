using Assay.Core.Benchmarks;
using Assay.Core.Judges.Pairwise;
using Assay.Core.Targets;
using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Assay.Cli;

/// <summary>A run ready to start: its request and the local files to upload to the benchmarks container first.</summary>
public sealed record PreparedRun(RunRequest Request, IReadOnlyList<(string LocalPath, string Blob)> Uploads);

/// <summary>
/// Checks everything that can be checked without storage (benchmark file, recorded answers, endpoint and judge
/// names), so a bad input fails in a second with file, line and field, before anything starts.
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

        if (options.Targets.Count == 0)
        {
            throw new CliException("name at least one --target (an endpoint name, null, refuse or recorded:FILE)");
        }

        if (options.ShardBatches < 0)
        {
            throw new CliException($"--shard-batches {options.ShardBatches}: must be 0 (no shards) or more");
        }

        var uploads = new List<(string LocalPath, string Blob)>();
        string benchmarkBlob;
        IBenchmarkFormat format;
        if (File.Exists(options.Benchmark))
        {
            format = ResolveFormat(options.Format, options.Benchmark);
            var source = new FileBenchmarkSource(options.Benchmark);
            await BenchmarkValidator.ValidateAsync(format, source, ct).ConfigureAwait(false);
            benchmarkBlob = BlobNames.UploadedBenchmark(runId, "benchmark/" + Path.GetFileName(options.Benchmark));
            uploads.Add((options.Benchmark, benchmarkBlob));
            var folder = Path.GetDirectoryName(Path.GetFullPath(options.Benchmark))!;
            var relatedFiles = format is ISourceRelatedFiles named ? [.. format.RelatedFiles, .. named.RelatedFilesFor(options.Benchmark)] : format.RelatedFiles;
            foreach (var related in relatedFiles.Where(r => File.Exists(Path.Combine(folder, r))))
            {
                uploads.Add((Path.Combine(folder, related), BlobNames.UploadedBenchmark(runId, "benchmark/" + related)));
            }
        }
        else if (options.Benchmark.StartsWith(BlobPrefix, StringComparison.Ordinal))
        {
            // A benchmark already uploaded to the benchmarks container.
            benchmarkBlob = options.Benchmark[BlobPrefix.Length..];
            format = ResolveFormat(options.Format, benchmarkBlob);
        }
        else
        {
            throw new CliException($"--benchmark {options.Benchmark}: no such file (use blob:NAME for a blob in the benchmarks container)");
        }

        var targets = TargetArguments.Parse(options.Targets, runId);
        foreach (var target in targets.Where(t => t.LocalFile is not null))
        {
            var recordedFormat = RecordedAnswerFormats.Get(target.Spec.RecordedFormat!);
            await RecordedTarget.LoadAsync(target.Spec.Name, recordedFormat, new FileBenchmarkSource(target.LocalFile!), ct).ConfigureAwait(false);
            uploads.Add((target.LocalFile!, target.Spec.RecordedBlob!));
        }

        var endpoints = configuration.GetSection("Endpoints").GetChildren().Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        JudgeSpec? judge;
        try
        {
            judge = options.Judge is { } j ? JudgeSpec.Parse(j) : null;
        }
        catch (FormatException ex)
        {
            throw new CliException($"--judge: {ex.Message}");
        }

        var unknown = targets.Where(t => t.Spec.Kind == TargetKind.Endpoint).Select(t => t.Spec.Endpoint!)
            .Concat(new[] { judge?.Endpoint, options.JudgeEndpoint }.OfType<string>())
            .Concat(judge?.Ensemble?.Members.Select(m => m.Endpoint).OfType<string>() ?? [])
            .Where(e => !endpoints.Contains(e)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            var known = endpoints.Count == 0 ? "none are configured" : "known: " + string.Join(", ", endpoints.Order());
            throw new CliException(
                $"unknown endpoint {string.Join(", ", unknown.Select(u => $"'{u}'"))} ({known}); " +
                "configure it as Endpoints__NAME__Kind/BaseUrl/Model/ApiKey");
        }

        if (options.Sampling?.Check() is { } samplingProblem)
        {
            throw new CliException($"sampling options: {samplingProblem}");
        }

        // Sampling applies to the models under test; built-in and recorded targets have nothing to sample.
        var specs = targets.Select(t => t.Spec with
        {
            Sampling = t.Spec.Kind == TargetKind.Endpoint ? options.Sampling : null,
            NoCache = options.NoCache,
        }).ToList();
        var effectiveJudge = judge?.Name ?? format.DefaultManifest(string.Empty).DefaultJudge;
        if (options.Arena && PlanRunActivity.ArenaProblem(PairwiseJudges.IsPairwise(effectiveJudge), options.Baseline, specs.Count) is { } arenaProblem)
        {
            throw new CliException($"--arena: {arenaProblem}");
        }

        var request = new RunRequest(runId, benchmarkBlob, format.Name, specs, judge, options.JudgeEndpoint, options.BatchSize, options.MaxInFlight, Canary: !options.NoCanary, Baseline: options.Baseline, Arena: options.Arena,
            ShardBatches: options.ShardBatches > 0 ? options.ShardBatches : null);
        return new PreparedRun(request, uploads);
    }

    public static async Task UploadAsync(RunStore store, PreparedRun run, CancellationToken ct)
    {
        var container = await store.BenchmarksAsync(ct).ConfigureAwait(false);
        foreach (var (localPath, blob) in run.Uploads)
        {
            await container.GetBlobClient(blob).UploadAsync(localPath, overwrite: true, ct).ConfigureAwait(false);
        }
    }

    private static IBenchmarkFormat ResolveFormat(string? format, string path)
    {
        try
        {
            return format is null ? BenchmarkFormats.Infer(path) : BenchmarkFormats.Get(format);
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"--benchmark {path}: {ex.Message}");
        }
    }
}
