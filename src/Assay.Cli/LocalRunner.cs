using Assay.Cli.Local;
using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Assay.Durable.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assay.Cli;

/// <summary>
/// <c>assay run</c>: checks the inputs locally, brings up storage (Azurite unless configured) and the local durable
/// host, uploads the files, starts or resumes the run with the run id as instance id, and waits for the report.
/// </summary>
public sealed class LocalRunner(TextWriter output, TextWriter progress)
{
    public async Task<int> RunAsync(LocalRunOptions options, CancellationToken ct)
    {
        var configuration = CliConfiguration.Build(options.ConfigFile);
        var runId = options.RunId ?? NewRunId();
        var bundleFolder = Path.Combine(Path.GetTempPath(), "assay-bundle-" + BlobNames.Safe(runId));
        try
        {
            options = await LlmBarBundle.PrepareAsync(options, bundleFolder, ct).ConfigureAwait(false);
            return await RunPreparedAsync(options, configuration, runId, ct).ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(bundleFolder))
            {
                Directory.Delete(bundleFolder, recursive: true);
            }
        }
    }

    private async Task<int> RunPreparedAsync(LocalRunOptions options, IConfiguration configuration, string runId, CancellationToken ct)
    {
        var plan = await RunPlanning.PrepareAsync(options, configuration, runId, ct).ConfigureAwait(false);

        await using var session = await LocalSession.StartAsync(
            configuration, new LocalSessionOptions { Storage = options.Storage, DataDirectory = options.DataDirectory, TaskHub = options.TaskHub }, ct).ConfigureAwait(false);
        if (session.Workers.Count > 0)
        {
            await progress.WriteLineAsync($"task hub {session.TaskHub}: shared with {session.Workers.Count} workers ({string.Join(", ", session.Workers)}); cache read per call").ConfigureAwait(false);
        }

        var store = session.Store;
        var client = session.Client;

        await LocalInstances.StartOrResumeAsync(
            session, nameof(RunEvaluationOrchestrator), plan.Request, runId, $"run {runId}", $"started ({plan.Request.Targets.Count} targets)",
            () => RunPlanning.UploadAsync(store, plan, ct), progress, ct).ConfigureAwait(false);

        var final = await RunProgressWatcher.WaitAsync(client, runId, progress, ct).ConfigureAwait(false);
        if (final.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            await RunFailureReport.WriteAsync(final, $"run {runId}", FailureFile(options.OutDirectory, runId), progress, ct).ConfigureAwait(false);
            return 1;
        }

        var result = final.ReadOutputAs<RunResult>() ?? throw new InvalidOperationException("the run completed without a result");
        var reports = await store.ReportsAsync(ct).ConfigureAwait(false);
        var json = (await reports.GetBlobClient(BlobNames.ReportJson(runId)).DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content.ToString();
        var markdown = (await reports.GetBlobClient(BlobNames.ReportMarkdown(runId)).DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content.ToString();
        if (options.OutDirectory is { } outDirectory)
        {
            var directory = Directory.CreateDirectory(Path.Combine(outDirectory, BlobNames.Safe(runId)));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "report.json"), json, ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "report.md"), markdown, ct).ConfigureAwait(false);
            var html = await reports.GetBlobClient(BlobNames.ReportHtml(runId)).DownloadContentAsync(ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "report.html"), html.Value.Content.ToString(), ct).ConfigureAwait(false);
            await progress.WriteLineAsync($"report written to {directory.FullName}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(markdown).ConfigureAwait(false);
        await progress.WriteLineAsync($"run {runId}: done, {result.Cases} cases; report in blob {result.ReportJsonBlob}").ConfigureAwait(false);
        return 0;
    }

    // Beside the report when there is an out folder, else in the temporary folder; never in the current folder.
    internal static string FailureFile(string? outDirectory, string runId) =>
        Path.Combine(outDirectory ?? Path.Combine(Path.GetTempPath(), "assay"), BlobNames.Safe(runId), "failure.txt");

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>A run id that sorts by start time: <c>{prefix}yyyyMMdd-HHmmss-xxxxxx</c>.</summary>
    internal static string NewRunId(string prefix = "") =>
        $"{prefix}{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
}
